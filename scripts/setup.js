#!/usr/bin/env node
// Prepares a fresh checkout: compiles TypeScript, builds the web app if needed, and builds FerretDB once
// into .cache/ferretdb when no mongod, no FerretDB and no MONGODB_URI are available.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { ensureBuilt } from './ensure-built.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
ensureBuilt(root);
if ((existsSync(join(root, 'dashboards/vite.config.js')) || existsSync(join(root, 'dashboards/vite.config.ts'))) && !existsSync(join(root, 'dashboards/dist/index.html'))) {
  const r = spawnSync(process.execPath, [join(root, 'scripts/build-web.js')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!process.env.MONGODB_URI) {
  const { locateFerretdb } = await import('../dist/src/platform/database/ferretdb-binary.js');
  const found = await locateFerretdb(join(root, '.cache/ferretdb'), process.env, (line) => process.stderr.write(`${line}\n`));
  if (found.path === null) process.stderr.write(`FerretDB not available: ${'why' in found ? found.why : ''}\n`);
  else process.stderr.write(`FerretDB: ${found.path} (${found.how})\n`);
}
