#!/usr/bin/env node
// `npm run bench [name]`: builds, then runs bench/<name>.ts (all of them without a name). Benchmarks print figures; they never assert.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const build = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const names = process.argv[2] ? [process.argv[2]] : readdirSync('bench').filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
for (const name of names) {
  process.stdout.write(`\n## bench ${name}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', `dist/bench/${name}.js`, ...process.argv.slice(3)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
