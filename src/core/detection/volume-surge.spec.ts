import { describe, expect, it } from '@jest/globals';
import { scanSeries, type CountPoint } from './scan.js';
import { dailyCycleCounts } from './test-series.js';
import { VolumeSurgeDetector, noiseMaximumZ } from './volume-surge.js';

const target = { brand: 'acme', kind: 'volume_surge' as const, scope: {} };
const BUCKET = 5 * 60_000;

/** Multiplies the counts of `minutes` from bucket `at` on (a planted surge). */
function plant(points: CountPoint[], at: number, minutes: number, factor: number, add = 0): CountPoint[] {
  return points.map((p, i) => (i >= at && i < at + minutes / 5 ? { ...p, count: Math.round(p.count * factor) + add } : p));
}

const events = (points: CountPoint[]) => scanSeries(points, target).points.flatMap((p, i) => (p.event && p.event !== 'updated' ? [{ i, event: p.event }] : []));

describe(VolumeSurgeDetector.name, () => {
  it('opens no signal over four weeks of daily and weekly cycles with over-dispersed noise', () => {
    for (const seed of [1, 2]) {
      for (const mean of [2, 40, 400]) expect(events(dailyCycleCounts({ mean, days: 28, seed }))).toEqual([]);
    }
  });

  it('opens one signal within 15 minutes of a planted surge, keeps it while it lasts and closes it after', () => {
    const at = 20 * 288 + 150;
    const points = plant(dailyCycleCounts({ mean: 40, days: 21, seed: 7 }), at, 45, 6);
    const scanned = scanSeries(points, target);
    const [opened, closed, ...more] = events(points);
    expect(more).toEqual([]);
    expect(opened!.event).toBe('opened');
    expect(opened!.i).toBeGreaterThanOrEqual(at);
    expect(opened!.i).toBeLessThanOrEqual(at + 2);
    expect(closed!.event).toBe('closed');
    // the surge ends after bucket at + 8; the signal closes once the last 15 minutes have been normal for 30 minutes
    expect(closed!.i).toBeGreaterThan(at + 9);
    expect(closed!.i).toBeLessThanOrEqual(at + 9 + 3 + 6 + 2);
    expect(scanned.signals).toHaveLength(1);
    expect(scanned.signals[0]).toMatchObject({ status: 'closed', startedAt: new Date(points[opened!.i]!.start + BUCKET) });
    expect(scanned.signals[0]!.peakStrength).toBeGreaterThanOrEqual(4);
  });

  it('neither alarms on a 4 nor sleeps through a 40 when a small brand has 0–3 mentions per bucket', () => {
    const quiet = dailyCycleCounts({ mean: 1, days: 21, seed: 3 });
    const at = 20 * 288 + 100;
    expect(events(plant(quiet, at, 5, 0, 4))).toEqual([]);
    expect(events(plant(quiet, at, 5, 0, 40))[0]).toEqual({ i: at, event: 'opened' });
  });

  it('treats a surge as routine once it repeats daily at the same hour within the week', () => {
    let points = dailyCycleCounts({ mean: 40, days: 21, seed: 5 });
    for (let day = 7; day < 21; day++) points = plant(points, day * 288 + 120, 15, 3);
    expect(events(points).filter((e) => e.i > 14 * 288)).toEqual([]);
  });

  it('closes a surge once: longer windows that still hold its burst do not re-open it', () => {
    const at = 10 * 288 + 150;
    const points = plant(dailyCycleCounts({ mean: 40, days: 12, seed: 11 }), at, 45, 6);
    expect(events(points).map((e) => e.event)).toEqual(['opened', 'closed']);
  });

  it('opens no new signal for a smaller after-shock within two weeks, but does for a surge that outgrows the first', () => {
    const base = dailyCycleCounts({ mean: 40, days: 16, seed: 2 });
    const first = 10 * 288 + 150;
    const afterShock = 12 * 288 + 150;
    const bigger = 14 * 288 + 150;
    // on its own, the after-shock is a surge
    expect(events(plant(base, afterShock, 45, 3)).map((e) => e.event)).toEqual(['opened', 'closed']);
    const points = plant(plant(plant(base, first, 45, 6), afterShock, 45, 3), bigger, 180, 6);
    const opened = events(points).filter((e) => e.event === 'opened').map((e) => Math.floor(e.i / 288));
    expect(opened).toEqual([10, 14]);
  });

  it('keeps an earlier one-hour surge at the same time of day from raising the expectation much', () => {
    for (const seed of [1, 2, 3]) {
      const base = dailyCycleCounts({ mean: 40, days: 15, seed });
      const at = 14 * 288 + 150;
      const expectedAt = (points: CountPoint[]) => {
        const d = new VolumeSurgeDetector();
        return points.slice(0, at + 1).map((p) => d.push(p.count)).at(-1)!.expected;
      };
      expect(expectedAt(plant(base, 13 * 288 + 144, 60, 6)) / expectedAt(base)).toBeLessThan(1.25);
    }
  });

  it('reads in time order without look-ahead: a prefix scores exactly as in the full series', () => {
    const points = plant(dailyCycleCounts({ mean: 40, days: 12, seed: 9 }), 10 * 288, 30, 5);
    const full = scanSeries(points, target).points;
    const prefix = scanSeries(points.slice(0, 10 * 288 + 3), target).points;
    expect(prefix.map((p) => p.evaluation)).toEqual(full.slice(0, prefix.length).map((p) => p.evaluation));
  });

  it('asks each scale for the z that noise alone reaches about once over the 21-day record: more of 5 minutes than of 6 hours', () => {
    expect(noiseMaximumZ((21 * 1440) / 5)).toBeCloseTo(4.17, 2);
    expect(noiseMaximumZ((21 * 1440) / 360)).toBeCloseTo(2.98, 2);
    expect(noiseMaximumZ(0)).toBeCloseTo(Math.SQRT2, 5);
  });

  it('stays silent until it has two days of history (plus the half-hour either side of the time of day)', () => {
    const d = new VolumeSurgeDetector();
    const readings = Array.from({ length: 2 * 288 + 6 }, (_, i) => d.push(i === 300 ? 5000 : 10));
    expect(readings.every((r) => !r.ready && !r.triggered)).toBe(true);
    expect(d.push(10).ready).toBe(true);
  });
});
