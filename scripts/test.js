#!/usr/bin/env node
// `npm test`: type-checks and builds (the CLI tests run the built command), checks the import boundaries
// (scripts/lint.js), builds the web app,
// then runs Jest in its native ESM mode (Nest 12 is ESM-only). Extra arguments go to Jest.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function step(label, cmd, args, env = {}) {
  process.stderr.write(`\n== ${label}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    process.stderr.write(`${label} failed (exit ${r.status})\n`);
    process.exit(r.status ?? 1);
  }
}

const jestArgs = process.argv.slice(2);
step('typecheck and build (tsc)', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
step('typecheck tests (tsc --noEmit)', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
step('boundaries (eslint, import cycles)', process.execPath, ['scripts/lint.js']);
if (existsSync('dashboards/vite.config.js') || existsSync('dashboards/vite.config.ts')) {
  step('build the web app (vite)', process.execPath, ['scripts/build-web.js']);
}
const results = join(mkdtempSync(join(tmpdir(), 'goldenhour-jest-')), 'results.json');
process.stderr.write('\n== jest\n');
const jest = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js', '--json', `--outputFile=${results}`, ...jestArgs], { stdio: 'inherit' });
// A plain closing line any CI reader understands.
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  process.stdout.write(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed\n`);
}
process.exit(jest.status ?? 1);
