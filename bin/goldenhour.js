#!/usr/bin/env node
// The `goldenhour` command. Runs the compiled CLI, building it first on a fresh checkout.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../scripts/ensure-built.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist/src/cli/index.js'))) ensureBuilt(root);
const { main } = await import('../dist/src/cli/index.js');
process.exitCode = await main(process.argv.slice(2));
