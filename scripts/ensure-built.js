// Compiles the TypeScript sources when dist/ is missing or older than src/ (a fresh clone, or after a pull).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function isStale(root) {
  const out = join(root, 'dist/src/main.js');
  return !existsSync(out) || newest(join(root, 'src')) > statSync(out).mtimeMs;
}

export function ensureBuilt(root, force = false) {
  if (!force && !isStale(root)) return;
  process.stderr.write('goldenhour: compiling TypeScript (tsc)…\n');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
