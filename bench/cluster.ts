// `npm run bench:cluster`: runs the fault drills (test/cluster/drills.test.ts: three daemon processes on one
// database, lease TTL 8 s, tick 200 ms, their own database server, stopped 30 s by one drill), alone, and prints
// what they measured. Prints figures; never asserts timings.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(mkdtempSync(join(tmpdir(), 'gh-bench-cluster-')), 'figures.json');
const started = performance.now();
const run = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js', '--runInBand', 'test/cluster/drills'], {
  stdio: 'inherit',
  env: { ...process.env, GOLDENHOUR_CLUSTER_FIGURES: out },
});
const seconds = (performance.now() - started) / 1000;
if (!existsSync(out)) {
  process.stdout.write(`the drills wrote no figures (jest exit ${run.status})\n`);
  process.exit(1);
}
const figures = JSON.parse(readFileSync(out, 'utf8')) as Record<string, number[]>;
const describe = (xs: number[]) => {
  if (!xs.length) return 'none measured';
  const s = [...xs].sort((a, b) => a - b);
  return `n=${s.length}  min ${(s[0]! / 1000).toFixed(1)} s  median ${(s[Math.floor(s.length / 2)]! / 1000).toFixed(1)} s  max ${(s.at(-1)! / 1000).toFixed(1)} s`;
};
const lines: [string, string][] = [
  ['take-over after SIGKILL of the holder (source, outbox), by the taker\'s clock', 'takeoverAfterKillMs'],
  ['  of which after the dead holder\'s lease ran out (wake-up and the taking round trip)', 'takeoverAfterExpiryMs'],
  ['take-over after SIGSTOP of the holder', 'takeoverAfterStopMs'],
  ['hand-over after SIGTERM (rolling restart)', 'handoverAfterTermMs'],
  ['10 queued mails: enqueue → last mail, dispatcher killed meanwhile', 'outboxRowToMailMs'],
  ['longest gap between SLA job runs during the rolling restart (runs every 1 s)', 'longestSlaGapMs'],
  ['crisis signal → alert mail while the daemon evaluating alerts is killed (group_wait 30 s included)', 'signalToMailWhileDyingMs'],
  ['database stopped 30 s: back up → every daemon beating and the SLA job and source held again', 'recoveryAfterOutageMs'],
];
process.stdout.write(`\ndrills: jest exit ${run.status}, ${seconds.toFixed(0)} s wall time\n`);
for (const [what, key] of lines) process.stdout.write(`${what}: ${describe(figures[key] ?? [])}\n`);
process.stdout.write(`scheduled units held by each of three daemons once spread: ${(figures.unitsPerDaemon ?? []).join(', ') || 'none measured'}\n`);
