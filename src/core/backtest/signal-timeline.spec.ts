import { describe, expect, it } from '@jest/globals';
import { dailyCycleCounts } from '../detection/test-series.js';
import { BUCKET_MS, emptyCounts, type BucketPoint } from '../mention/bucket.js';
import { signalTimeline, storedSignalSnapshots } from './signal-timeline.js';
import { aSignal } from '../../../test/support/rule-factories.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 9, 5);
const SURGE = START + 12 * DAY + 14 * 3_600_000;

/** Twelve quiet days of a brand with ~8 % negatives, then negatives ×6 for two hours. */
function brandSeries(days = 14): BucketPoint[] {
  return dailyCycleCounts({ mean: 30, days, seed: 5, start: START }).map((p) => {
    const surge = p.start >= SURGE && p.start < SURGE + 2 * 3_600_000;
    const negative = Math.round(p.count * 0.08 * (surge ? 6 : 1));
    return { ...emptyCounts(), start: p.start, total: p.count - Math.round(p.count * 0.08) + negative, negative, neutral: p.count - Math.round(p.count * 0.08) };
  });
}

describe(signalTimeline.name, () => {
  it('opens the surge a period holds, updates it while it lasts and closes it, with nothing before the period', () => {
    const points = brandSeries();
    const snaps = signalTimeline('acme', [{ kind: 'negative_surge', scope: {}, points }], START + 11 * DAY, START + 14 * DAY);
    const opened = snaps.filter((s) => s.signal.startedAt.getTime() === s.at.getTime());
    expect(opened).toHaveLength(1);
    expect(opened[0]!.signal).toMatchObject({ brand: 'acme', kind: 'negative_surge', status: 'open' });
    expect(opened[0]!.at.getTime()).toBeGreaterThan(SURGE);
    expect(opened[0]!.at.getTime()).toBeLessThanOrEqual(SURGE + 30 * 60_000);
    expect(snaps[snaps.length - 1]!.signal.status).toBe('closed');
    expect(snaps.every((s, i) => i === 0 || s.at >= snaps[i - 1]!.at)).toBe(true);
  });

  it('uses the buckets before the period only to warm the detector up', () => {
    const snaps = signalTimeline('acme', [{ kind: 'negative_surge', scope: {}, points: brandSeries() }], START + 13 * DAY, START + 14 * DAY);
    expect(snaps).toEqual([]);
  });

  it('leaves buckets of a collection gap out: a refill right after the gap opens nothing', () => {
    const blind = (t: number) => t >= START + 11 * DAY && t < START + 11 * DAY + 6 * 3_600_000;
    const points = brandSeries(12).map((p) => (blind(p.start) ? { ...emptyCounts(), start: p.start, gap: true } : p));
    const refilled = points.map((p) => (p.start >= START + 11 * DAY + 6 * 3_600_000 && p.start < START + 11 * DAY + 6.5 * 3_600_000 ? { ...p, total: p.total * 8, negative: p.negative * 8 } : p));
    const snaps = signalTimeline('acme', [{ kind: 'volume_surge', scope: {}, points: refilled }], START + 10 * DAY, START + 12 * DAY);
    expect(snaps).toEqual([]);
  });
});

describe(storedSignalSnapshots.name, () => {
  it('shows a stored viral post as seen on every bucket boundary while open, then closed', () => {
    const startedAt = new Date(START + 3 * BUCKET_MS);
    const endedAt = new Date(START + 6 * BUCKET_MS);
    const signal = aSignal({ kind: 'viral_post', startedAt, lastSeenAt: new Date(START + 5 * BUCKET_MS), status: 'closed', endedAt });
    const snaps = storedSignalSnapshots(signal, START, START + DAY);
    expect(snaps.map((s) => [(s.at.getTime() - START) / BUCKET_MS, s.signal.status])).toEqual([[3, 'open'], [4, 'open'], [5, 'open'], [6, 'open'], [6, 'closed']]);
    expect(snaps[1]!.signal.lastSeenAt).toEqual(snaps[1]!.at);
  });
});
