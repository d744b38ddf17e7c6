import { describe, expect, it } from '@jest/globals';
import { NegativeSurgeDetector } from './negative-surge.js';
import { dailyCycleCounts } from './test-series.js';

/** A brand with ~10 % negative mentions; from bucket `at` for an hour, volume × `volume` and negatives × `negatives`. */
function triggers(volume: number, negatives: number): boolean {
  const totals = dailyCycleCounts({ mean: 60, days: 10, seed: 11 });
  const at = 9 * 288 + 150;
  const d = new NegativeSurgeDetector();
  let fired = false;
  totals.forEach((p, i) => {
    const inSurge = i >= at && i < at + 12;
    const negative = Math.round(p.count * 0.1 * (inSurge ? negatives : 1));
    const total = Math.round(p.count * (inSurge ? volume : 1)) + (inSurge ? negative - Math.round(p.count * 0.1) : 0);
    if (d.push(total, negative).triggered && i >= at) fired = true;
  });
  return fired;
}

describe(NegativeSurgeDetector.name, () => {
  it('stays quiet when volume doubles with the usual share of negatives (that is news, not a crisis)', () => {
    expect(triggers(2, 2)).toBe(false);
  });

  it('fires when negatives triple while the rest of the volume stays usual', () => {
    expect(triggers(1, 4)).toBe(true);
  });

  it('settle leaves the state push leaves: the evaluations that follow are the same', () => {
    const totals = dailyCycleCounts({ mean: 60, days: 9, seed: 5 });
    const pushed = new NegativeSurgeDetector();
    const settled = new NegativeSurgeDetector();
    const split = 8 * 288;
    totals.forEach((p, i) => {
      const negative = Math.round(p.count * (i > split + 20 ? 0.5 : 0.1));
      const e = pushed.push(p.count, negative);
      if (i < split) settled.settle(p.count, negative);
      else expect(settled.push(p.count, negative)).toEqual(e);
    });
  });
});
