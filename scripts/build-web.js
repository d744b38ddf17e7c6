#!/usr/bin/env node
// Builds the web app (dashboards/) with Vite into dashboards/dist, which the daemon serves at `/`.
import { build } from 'vite';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'dashboards');
await build({ configFile: join(root, 'vite.config.js'), root });
process.stderr.write(`web app built into ${join(root, 'dist')}\n`);
