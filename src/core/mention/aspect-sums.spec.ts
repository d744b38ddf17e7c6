import { describe, expect, it } from '@jest/globals';
import { addDelta, contributionOf, emptyDeltas, type Contribution } from './contribution.js';
import { payloadsOf, rollupSums, splitPayload, type DayPayload } from './ledger.js';

const review = (iso: string, aspects: { aspect: string; label: 'positive' | 'neutral' | 'negative' }[]): Contribution =>
  contributionOf({ brand: 'acme', platform: 'jd', publishedAt: new Date(iso), polarity: 'negative', crisisTerms: [], topics: [], engagement: { likes: 0, shares: 0, comments: 0, views: 0 }, aspects });

/** The ledger of one brand after these changes (before → after), as stored and read back through JSON. */
function ledger(...changes: [Contribution | null, Contribution | null][]): DayPayload[] {
  const d = emptyDeltas();
  for (const [before, after] of changes) addDelta(d, before, after);
  return payloadsOf(d).map((p) => ({ day: p.day, payload: JSON.parse(JSON.stringify(p.payload)) }));
}

const aspectsOver = (days: DayPayload[], from: string, to: string) => Object.fromEntries(rollupSums(days, Date.parse(from), Date.parse(to), { fineSlots: false }).aspects);

describe('aspect counters in the ledger', () => {
  it('counts each aspect a review names per hour, by the polarity said about it, beside the platform counters', () => {
    const a = review('2026-11-20T08:02:00Z', [{ aspect: 'taste', label: 'negative' }, { aspect: 'delivery', label: 'positive' }]);
    const b = review('2026-11-20T08:50:00Z', [{ aspect: 'taste', label: 'positive' }]);
    const days = ledger([null, a], [null, b]);
    // hour slot 8: [total, negative, neutral, positive]
    expect(days[0]!.payload.a).toEqual({ delivery: [8, 1, 0, 0, 1], taste: [8, 2, 1, 0, 1] });
    expect(Object.keys(splitPayload(days[0]!.payload).counts)).toContain('a');
    expect(aspectsOver(days, '2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z')).toEqual({
      delivery: { total: 1, negative: 0, neutral: 0, positive: 1 },
      taste: { total: 2, negative: 1, neutral: 0, positive: 1 },
    });
    expect(aspectsOver(days, '2026-11-20T09:00:00Z', '2026-11-21T00:00:00Z')).toEqual({});
  });

  it('moves by exactly what changed when a review is analysed again or corrected', () => {
    const before = review('2026-11-20T08:02:00Z', [{ aspect: 'taste', label: 'negative' }]);
    const after = review('2026-11-20T08:02:00Z', [{ aspect: 'taste', label: 'positive' }, { aspect: 'price', label: 'neutral' }]);
    const days = ledger([null, before], [before, after]);
    expect(aspectsOver(days, '2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z')).toEqual({
      taste: { total: 1, negative: 0, neutral: 0, positive: 1 },
      price: { total: 1, negative: 0, neutral: 1, positive: 0 },
    });
  });

  it('counts the aspects of a mention counted before aspects had counters when it is next written', () => {
    const old = review('2026-11-20T08:02:00Z', []);
    expect(old).not.toHaveProperty('aspects');
    const days = ledger([null, old], [old, review('2026-11-20T08:02:00Z', [{ aspect: 'service', label: 'negative' }])]);
    expect(aspectsOver(days, '2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z')).toEqual({ service: { total: 1, negative: 1, neutral: 0, positive: 0 } });
  });

  it('writes nothing for aspects that did not change', () => {
    const a = review('2026-11-20T08:02:00Z', [{ aspect: 'taste', label: 'negative' }]);
    const d = emptyDeltas();
    addDelta(d, a, review('2026-11-20T08:02:00Z', [{ aspect: 'taste', label: 'negative' }]));
    expect(payloadsOf(d)).toEqual([]);
  });
});
