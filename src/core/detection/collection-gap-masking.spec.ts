import { describe, expect, it } from '@jest/globals';
import { dailyCycleCounts } from './test-series.js';
import { VolumeSurgeDetector } from './volume-surge.js';

const PER_HOUR = 12;
const GAP_AT = 10 * 288 + 9 * PER_HOUR;
const GAP = 6 * PER_HOUR;

/**
 * Ten days of ~40 mentions a bucket; a source goes silent for 6 hours from 09:00 on day 10, then returns its
 * backlog stamped as it arrives (spread over the first half hour), optionally with a real surge (×`surge`) on top.
 * `marked`: the detector is told which buckets were a collection gap. Returns the buckets that triggered.
 */
function triggers(marked: boolean, surge = 1): number[] {
  const points = dailyCycleCounts({ mean: 40, days: 11, seed: 3 });
  const backlog = points.slice(GAP_AT, GAP_AT + GAP).reduce((s, p) => s + p.count, 0);
  const d = new VolumeSurgeDetector();
  const fired: number[] = [];
  points.forEach((p, i) => {
    const inGap = i >= GAP_AT && i < GAP_AT + GAP;
    const refill = i >= GAP_AT + GAP && i < GAP_AT + GAP + 6 ? backlog / 6 : 0;
    const afterGap = i >= GAP_AT + GAP && i < GAP_AT + GAP + 12;
    const count = inGap ? 0 : Math.round(p.count * (afterGap ? surge : 1) + refill);
    const e = inGap && marked ? d.pushGap() : d.push(count);
    if (e.triggered && i >= GAP_AT) fired.push(i);
  });
  return fired;
}

describe('collection gaps in the volume-surge detector', () => {
  it('takes the backlog returned after a gap for what it is when the gap is marked (unmarked, it looks like a surge)', () => {
    expect(triggers(false).length).toBeGreaterThan(0);
    expect(triggers(true)).toEqual([]);
  });

  it('still alarms on a real surge right after a gap, once the backlog it owes is paid', () => {
    const fired = triggers(true, 4);
    expect(fired.length).toBeGreaterThan(0);
    // The first half hour carries 6 hours of backlog: the surge on top of it is seen within that half hour.
    expect(fired[0]! - (GAP_AT + GAP)).toBeLessThanOrEqual(6);
  });

  it('keeps the gap out of the baseline: the same hours the next day expect what they usually do', () => {
    const expectedNextDay = (marked: boolean) => {
      const d = new VolumeSurgeDetector();
      const points = dailyCycleCounts({ mean: 40, days: 12, seed: 3 });
      let at = 0;
      points.forEach((p, i) => {
        const inGap = i >= GAP_AT && i < GAP_AT + GAP;
        const e = inGap && marked ? d.pushGap() : d.push(inGap ? 0 : p.count);
        if (i === GAP_AT + 288 + PER_HOUR * 3) at = e.expected;
      });
      return at;
    };
    const clean = (() => {
      const d = new VolumeSurgeDetector();
      let at = 0;
      dailyCycleCounts({ mean: 40, days: 12, seed: 3 }).forEach((p, i) => {
        const e = d.push(p.count);
        if (i === GAP_AT + 288 + PER_HOUR * 3) at = e.expected;
      });
      return at;
    })();
    expect(Math.abs(expectedNextDay(true) - clean) / clean).toBeLessThan(0.03);
    expect(expectedNextDay(false)).toBeLessThan(clean * 0.95);
  });
});
