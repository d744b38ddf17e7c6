import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dailyCycleCounts } from '../../src/core/detection/test-series.js';

/** Runs the built command, as a user would. */
function goldenhour(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['bin/goldenhour.js', ...args], { input, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const nabTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

describe('goldenhour detect', () => {
  let dir: string;
  const surgeRow = 10 * 288 + 100;
  let csv: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gh-detect-'));
    const points = dailyCycleCounts({ mean: 30, days: 11, seed: 21 }).map((p, i) => (i >= surgeRow && i < surgeRow + 6 ? { ...p, count: p.count * 8 } : p));
    csv = `timestamp,value\n${points.map((p) => `${nabTime(p.start)},${p.count}`).join('\n')}\n`;
    writeFileSync(join(dir, 'series.csv'), csv);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes timestamp,value,score,alarm for every row, with one alarm at the planted surge', () => {
    const r = goldenhour(['detect', join(dir, 'series.csv')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('timestamp,value,score,alarm');
    expect(lines).toHaveLength(csv.trim().split('\n').length);
    const rows = lines.slice(1).map((l) => l.split(','));
    const alarms = rows.flatMap((row, i) => (row[3] === '1' ? [i] : []));
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toBeGreaterThanOrEqual(surgeRow);
    expect(alarms[0]).toBeLessThanOrEqual(surgeRow + 2);
    expect(Number(rows[alarms[0]!]![2])).toBeGreaterThanOrEqual(4);
    expect(rows[5]).toEqual([csv.split('\n')[6]!.split(',')[0], csv.split('\n')[6]!.split(',')[1], '0.000', '0']);
  });

  it('says how much history it needs when the series is too short to score, instead of printing silent zeros', () => {
    const short = csv.split('\n').slice(0, 1 + 288).join('\n') + '\n';
    const r = goldenhour(['detect', '-'], short);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('goldenhour detect: warning: the detector needs 2 days of history (576 buckets of 5 min) before it scores; this series covers 24.0 h, so every row was scored 0 (warming up): give at least 2 days\n');
    expect(r.stdout.trim().split('\n')).toHaveLength(289);
  });

  it('reads stdin when no file is given, with the same result', () => {
    const fromFile = goldenhour(['detect', join(dir, 'series.csv')]).stdout;
    expect(goldenhour(['detect'], csv).stdout).toBe(fromFile);
  });

  it('names the line and the fix when the input is not a count series, and exits 2', () => {
    const r = goldenhour(['detect', '-'], 'timestamp,value\n2026-01-01 00:00:00,1\n2026-01-01 00:05:00,lots\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('stdin:3: value "lots" must be a non-negative number');
    const missing = goldenhour(['detect', join(dir, 'nope.csv')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.csv: no such file');
  });
});
