import { describe, expect, it } from '@jest/globals';
import { BUCKET_MS, emptyCounts, type BucketPoint } from '../mention/bucket.js';
import { afterEmptyBuckets, bucketDetector, latestReadings, markGaps, replayDays, resumableCheckpoint, SettledReplay, type GapAwarePoint } from './bucket-readings.js';
import { dailyCycleCounts } from './test-series.js';

const HOUR = 60 * 60_000;

describe(SettledReplay.name, () => {
  it('gives, pass after pass, the readings a full replay of the window gives', () => {
    const series: BucketPoint[] = dailyCycleCounts({ mean: 30, days: 4, seed: 13 }).map((p, i) => {
      const total = i >= 3 * 288 + 200 && i < 3 * 288 + 210 ? p.count * 6 : p.count;
      return { start: p.start, ...emptyCounts(), total, negative: Math.round(total * (i > 3 * 288 + 205 ? 0.5 : 0.1)) };
    });
    for (const kind of ['volume_surge', 'negative_surge'] as const) {
      const replay = new SettledReplay(kind, series[0]!.start);
      for (let end = 3 * 288 + 190; end < 3 * 288 + 230; end += 3) {
        const window = series.slice(0, end);
        const now = new Date(window[window.length - 1]!.start + BUCKET_MS / 2);
        const settledBefore = window[window.length - 1]!.start + BUCKET_MS - HOUR;
        expect(replay.readings(window, settledBefore, now)).toEqual(latestReadings(window, kind, now));
      }
    }
  });
});

describe('SettledReplay checkpoints', () => {
  it('resume, after a trip through JSON, to the readings of the replay that never stopped and of a full replay', () => {
    const days = 10;
    const burst = (i: number) => (i % 288 >= 150 && i % 288 < 160 && i > 8 * 288 ? 5 : 1);
    const series: BucketPoint[] = dailyCycleCounts({ mean: 25, days, seed: 7 }).map((p, i) => {
      const total = p.count * burst(i);
      return { start: p.start, ...emptyCounts(), total, negative: Math.round(total * (burst(i) > 1 ? 0.6 : 0.1)), crisis: burst(i) > 1 ? 8 : i % 97 === 0 ? 1 : 0 };
    });
    // A collection gap on day 6: its buckets count at their expectation and are owed to the refill after it.
    const points = markGaps(series, [{ since: new Date(series[6 * 288 + 40]!.start), until: new Date(series[6 * 288 + 52]!.start) }], new Date(series[series.length - 1]!.start));
    for (const kind of ['volume_surge', 'negative_surge', 'crisis_burst'] as const) {
      const straight = new SettledReplay(kind, points[0]!.start);
      let resumed: SettledReplay | undefined;
      for (let end = 8 * 288 + 100; end <= points.length; end += 23) {
        const window = points.slice(0, end);
        const now = new Date(window[window.length - 1]!.start + BUCKET_MS / 2);
        const settledBefore = window[window.length - 1]!.start + BUCKET_MS - HOUR;
        const expected = straight.readings(window, settledBefore, now);
        if (!resumed) {
          // Checkpointed once the window is 8 days long; from then on it reads only the buckets it has not settled.
          resumed = SettledReplay.resume(JSON.parse(JSON.stringify(straight.checkpoint())) as ReturnType<SettledReplay['checkpoint']>);
          continue;
        }
        const since = window.findIndex((p) => p.start >= resumed!.checkpoint().settledUntil);
        expect(resumed.readings(window.slice(since), settledBefore, now)).toEqual(expected);
        expect(expected).toEqual(latestReadings(window, kind, now));
      }
      expect(JSON.stringify(resumed!.checkpoint())).toEqual(JSON.stringify(straight.checkpoint()));
    }
  });

  it('refuses a checkpoint of another kind', () => {
    const cp = new SettledReplay('volume_surge', 0).checkpoint();
    expect(() => new SettledReplay('negative_surge', 0, cp)).toThrow(/volume_surge replay cannot resume as negative_surge/);
  });
});

describe('SettledReplay over a window that starts with empty buckets', () => {
  const PER_DAY = 288;
  /** `empty` empty buckets (one of them in a collection gap when `gapAt` is given), then three active days with a burst. */
  const series = (empty: number, gapAt?: number): GapAwarePoint[] => {
    const active = dailyCycleCounts({ mean: 20, days: 3, seed: empty + 5 }).map((p, i) => {
      const total = i >= 2 * PER_DAY + 100 && i < 2 * PER_DAY + 110 ? p.count * 6 : p.count;
      return { ...emptyCounts(), total, negative: Math.round(total * (i > 2 * PER_DAY + 104 ? 0.5 : 0.1)), crisis: i % 89 === 0 ? 1 : 0 };
    });
    const t0 = Date.UTC(2026, 1, 1);
    return [...Array.from({ length: empty }, emptyCounts), ...active].map((c, i) => ({ start: t0 + i * BUCKET_MS, ...c, ...(i === gapAt ? { gap: true } : {}) }));
  };

  it('gives, pass after pass, the readings and the settled detector of a replay that settles every bucket', () => {
    // Longest first, then shorter: the kept detectors of the longer runs serve the shorter ones; past a window's days too.
    const runs: [number, number?][] = [[(replayDays() + 1) * PER_DAY + 3], [1], [PER_DAY - 1], [PER_DAY], [PER_DAY + 1], [5 * PER_DAY + 17], [4 * PER_DAY, 2 * PER_DAY + 7], [0]];
    for (const [empty, gapAt] of runs) {
      const points = series(empty, gapAt);
      for (const kind of ['volume_surge', 'negative_surge', 'crisis_burst'] as const) {
        const replay = new SettledReplay(kind, points[0]!.start);
        const plain = bucketDetector(kind);
        let settled = 0;
        for (let end = empty + 2 * PER_DAY + 95; end < empty + 2 * PER_DAY + 125; end += 7) {
          const window = points.slice(0, end);
          const now = new Date(window[window.length - 1]!.start + BUCKET_MS / 2);
          const settledBefore = window[window.length - 1]!.start + BUCKET_MS - HOUR;
          expect(replay.readings(window, settledBefore, now)).toEqual(latestReadings(window, kind, now));
          for (; points[settled]!.start < settledBefore; settled++) plain.settle(points[settled]!);
          expect(JSON.stringify(replay.checkpoint().state)).toEqual(JSON.stringify(plain.state()));
        }
      }
    }
  });

  it('copies the kept detector, so a copy taken on does not change the next one', () => {
    const a = afterEmptyBuckets('volume_surge', PER_DAY + 2);
    for (const p of series(0).slice(0, PER_DAY)) a.settle(p);
    expect(JSON.stringify(afterEmptyBuckets('volume_surge', PER_DAY + 2).state())).not.toEqual(JSON.stringify(a.state()));
    const plain = bucketDetector('volume_surge');
    for (let i = 0; i < PER_DAY + 2; i++) plain.settle({ start: 0, ...emptyCounts() });
    expect(JSON.stringify(afterEmptyBuckets('volume_surge', PER_DAY + 2).state())).toEqual(JSON.stringify(plain.state()));
  });
});

describe(markGaps.name, () => {
  it('marks the buckets a collection gap overlaps, an open gap up to now', () => {
    const t0 = Date.UTC(2026, 2, 2);
    const points: BucketPoint[] = [0, 1, 2, 3, 4].map((k) => ({ start: t0 + k * BUCKET_MS, ...emptyCounts() }));
    const at = (k: number) => new Date(t0 + k * BUCKET_MS);
    expect(markGaps(points, [{ since: at(1), until: at(2) }], at(5)).map((p) => !!p.gap)).toEqual([false, true, false, false, false]);
    expect(markGaps(points, [{ since: at(2.5) }], at(4)).map((p) => !!p.gap)).toEqual([false, false, true, true, false]);
  });
});

describe(resumableCheckpoint.name, () => {
  const H = 3_600_000;
  const scope = { readAt: 10 * H, from: 0, replays: [{ settledUntil: 9 * H }, { settledUntil: 9 * H }] };
  it('resumes a young full read whose replays are settled together inside the window', () => {
    expect(resumableCheckpoint(scope, 11 * H, 0, 12 * H, 6 * H, H)).toBe(true);
  });
  it('replays in full once the read is as old as a running daemon keeps its window, or starts after the window', () => {
    expect(resumableCheckpoint(scope, 16 * H, 0, 17 * H, 6 * H, H)).toBe(false);
    expect(resumableCheckpoint({ ...scope, from: H }, 11 * H, 0, 12 * H, 6 * H, H)).toBe(false);
  });
  it('replays in full when the replays are settled at different buckets, in the tail, or have none', () => {
    expect(resumableCheckpoint({ ...scope, replays: [{ settledUntil: 9 * H }, { settledUntil: 8 * H }] }, 11 * H, 0, 12 * H, 6 * H, H)).toBe(false);
    expect(resumableCheckpoint({ ...scope, replays: [{ settledUntil: 11.5 * H }] }, 11 * H, 0, 12 * H, 6 * H, H)).toBe(false);
    expect(resumableCheckpoint({ ...scope, replays: [] }, 11 * H, 0, 12 * H, 6 * H, H)).toBe(false);
  });
});
