#!/usr/bin/env node
// `npm start`: prepares a fresh checkout (build, web app, embedded database) and starts the daemon.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const setup = spawnSync(process.execPath, [join(root, 'scripts/setup.js')], { stdio: 'inherit', cwd: process.cwd() });
if (setup.status !== 0) process.exit(setup.status ?? 1);
await import('../dist/src/main.js');
