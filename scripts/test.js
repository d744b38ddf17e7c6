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
// The cluster drills (three daemon processes renewing 8-second leases) run last and alone, after the other files:
// beside another test file on a 2-core machine their daemons would starve for CPU and lose leases. Named
// patterns run as one Jest run, as given.
const DRILLS = 'test/cluster/drills';
const runs = jestArgs.length ? [jestArgs] : [['--testPathIgnorePatterns', DRILLS], ['--runInBand', DRILLS]];
const dir = mkdtempSync(join(tmpdir(), 'goldenhour-jest-'));
let passed = 0;
let failed = 0;
let status = 0;
runs.forEach((args, i) => {
  const results = join(dir, `results-${i}.json`);
  process.stderr.write(`\n== jest${runs.length > 1 ? ` (${i === 0 ? 'every file but the cluster drills' : 'the cluster drills, alone'})` : ''}\n`);
  const jest = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js', '--json', `--outputFile=${results}`, ...args], { stdio: 'inherit' });
  if (existsSync(results)) {
    const r = JSON.parse(readFileSync(results, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
  }
  status ||= jest.status ?? 1;
});
// A plain closing line any CI reader understands.
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(status);
