import { describe, expect, it } from '@jest/globals';
import { addDelta, contributionOf, emptyDeltas, type BucketDeltas } from './contribution.js';
import {
  brandSeries, dayKey, splitPayload, dayOfKey, daysOverlapping, digestibleDays, isEmptyPayload, mergePayloads, payloadsOf, platformRows, platformTotals, rollupSums, topicRows, topicSeries, topicTotals,
  type DayPayload, type LedgerPayload,
} from './ledger.js';
import { hourlyPayload } from './hourly-payload.js';
import { addCounts, BUCKET_MS, bucketStart, COUNTER_FIELDS, emptyCounts, type BucketPoint } from './bucket.js';

const at = (iso: string) => Date.parse(iso);
const mention = (iso: string, over: Partial<Parameters<typeof contributionOf>[0]> = {}) =>
  contributionOf({ brand: 'acme', platform: 'weibo', publishedAt: new Date(iso), polarity: 'negative', crisisTerms: [], topics: ['delivery'], engagement: { likes: 3, shares: 1, comments: 0, views: 0 }, ...over });

const deltasOf = (...cs: ReturnType<typeof mention>[]): BucketDeltas => {
  const d = emptyDeltas();
  for (const c of cs) addDelta(d, null, c);
  return d;
};

/** A batch's payloads as stored and read back (through JSON), for one brand. */
const stored = (d: BucketDeltas, brand = 'acme'): DayPayload[] =>
  payloadsOf(d).filter((p) => p.brand === brand).map((p) => ({ day: p.day, payload: JSON.parse(JSON.stringify(p.payload)) as LedgerPayload }));

describe('payloadsOf', () => {
  it('makes one payload per brand and UTC day, with 5-minute slots, the nine counters per platform and four per topic', () => {
    const d = deltasOf(
      mention('2026-11-20T08:02:00Z', { crisisTerms: ['food poisoning'] }),
      mention('2026-11-20T08:04:00Z', { platform: 'jd', polarity: 'positive', topics: ['delivery', 'taste'] }),
      mention('2026-11-21T00:00:00Z'),
      mention('2026-11-20T23:59:59Z', { brand: 'rival' }),
    );
    const payloads = payloadsOf(d);
    expect(payloads.map((p) => [p.brand, dayKey(p.day)]).sort()).toEqual([['acme', '20261120'], ['acme', '20261121'], ['rival', '20261120']]);
    const day = payloads.find((p) => p.brand === 'acme' && dayKey(p.day) === '20261120')!.payload;
    // slot 96 = 08:00; counters: total, negative, neutral, positive, crisis, likes, shares, comments, views
    expect(day.p!.weibo).toEqual([96, 1, 1, 0, 0, 1, 3, 1, 0, 0]);
    expect(day.p!.jd).toEqual([96, 1, 0, 0, 1, 0, 3, 1, 0, 0]);
    expect(day.k!.delivery).toEqual([96, 2, 1, 0, 1]);
    expect(day.k!.taste).toEqual([96, 1, 0, 0, 1]);
    expect(day.x!['food poisoning']).toEqual([96, 1, 1, 0, 0]);
    // negatives per hour (slot 8 = 08:00), what dashboards rank, stored with the platform counters
    expect(day.kn).toEqual({ delivery: [8, 1] });
    expect(day.xn).toEqual({ 'food poisoning': [8, 1] });
    const { counts, topics } = splitPayload(day);
    expect(Object.keys(counts).sort()).toEqual(['kn', 'p', 'xn']);
    expect(Object.keys(topics).sort()).toEqual(['k', 'x']);
    expect(payloads.find((p) => p.brand === 'rival')!.payload.p!.weibo![0]).toBe(287);
  });

  it('writes nothing for a batch whose changes cancel out', () => {
    const d = emptyDeltas();
    const before = mention('2026-11-20T08:02:00Z');
    addDelta(d, null, before);
    addDelta(d, before, null);
    expect(payloadsOf(d)).toEqual([]);
  });
});

describe('mergePayloads', () => {
  it('sums slot by slot, in slot order, and drops slots and names that come to zero', () => {
    const a: LedgerPayload = { p: { weibo: [3, 1, 1, 0, 0, 0, 5, 0, 0, 0, 10, 2, 0, 0, 2, 0, 0, 0, 0, 0] }, k: { late: [3, 1, 1, 0, 0] } };
    const b: LedgerPayload = { p: { weibo: [1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 2, 0, 0, 0] }, k: { late: [3, -1, -1, 0, 0] }, x: { recall: [0, 1, 1, 0, 0] } };
    const sum = mergePayloads([a, b]);
    expect(sum.p!.weibo).toEqual([1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 3, 1, 1, 0, 0, 0, 7, 0, 0, 0, 10, 2, 0, 0, 2, 0, 0, 0, 0, 0]);
    expect(sum.k).toBeUndefined();
    expect(sum.x!.recall).toEqual([0, 1, 1, 0, 0]);
    expect(isEmptyPayload(mergePayloads([{ k: { late: [3, 1, 1, 0, 0] } }, { k: { late: [3, -1, -1, 0, 0] } }]))).toBe(true);
  });

  it('takes any name as a key, even one that looks like a prototype property', () => {
    const sum = mergePayloads([{ k: JSON.parse('{"__proto__":[1,1,0,0,1]}') as Record<string, number[]> }, { k: JSON.parse('{"__proto__":[1,1,0,0,1],"constructor":[2,1,1,0,0]}') as Record<string, number[]> }]);
    const back = JSON.parse(JSON.stringify(sum)) as LedgerPayload;
    expect(Object.entries(back.k!)).toEqual([['__proto__', [1, 2, 0, 0, 2]], ['constructor', [2, 1, 1, 0, 0]]]);
  });
});

describe('readers', () => {
  const batch1 = deltasOf(
    mention('2026-11-20T08:02:00Z', { topics: ['delivery', 'late'], crisisTerms: ['recall'] }),
    mention('2026-11-20T08:07:00Z', { platform: 'jd', polarity: 'neutral', topics: ['delivery'] }),
    mention('2026-11-20T23:58:00Z', { polarity: 'positive' }),
  );
  const batch2 = deltasOf(
    mention('2026-11-20T08:03:00Z', { polarity: 'positive', topics: ['late'] }),
    mention('2026-11-21T00:01:00Z', { platform: 'jd' }),
  );
  const split = [...stored(batch1), ...stored(batch2)];
  const merged = [...new Map(split.map((p) => [p.day, 0])).keys()].map((day) => ({ day, payload: mergePayloads(split.filter((p) => p.day === day).map((p) => p.payload)) }));
  const from = at('2026-11-20T08:00:00Z');
  const to = at('2026-11-21T00:05:00Z');

  it('give the same answers from a summary and its deltas as from their sum', () => {
    for (const days of [split, merged]) {
      expect(platformRows(days, from, to).map((r) => [r.start, r.platform, r.total])).toEqual([
        [at('2026-11-20T08:00:00Z'), 'weibo', 2], [at('2026-11-20T08:05:00Z'), 'jd', 1], [at('2026-11-20T23:55:00Z'), 'weibo', 1], [at('2026-11-21T00:00:00Z'), 'jd', 1],
      ]);
      expect(platformTotals(days, from, to).jd).toMatchObject({ total: 2, negative: 1, neutral: 1 });
      expect(topicTotals(days, from, to, 'keyword').sort((a, b) => a.topic.localeCompare(b.topic))).toEqual([
        { topic: 'delivery', kind: 'keyword', total: 4, negative: 2, neutral: 1, positive: 1 },
        { topic: 'late', kind: 'keyword', total: 2, negative: 1, neutral: 0, positive: 1 },
      ]);
      expect(topicRows(days, from, to, { kind: 'crisis' })).toEqual([{ start: from, topic: 'recall', kind: 'crisis', total: 1, negative: 1, neutral: 0, positive: 0 }]);
    }
  });

  it('gives, for any range and platform, the zero-filled sums of the platform rows (two batches, days apart)', () => {
    const d = deltasOf(
      mention('2026-11-19T23:57:00Z', { platform: 'jd', engagement: { likes: 1, shares: 2, comments: 3, views: 4 } }),
      mention('2026-11-20T00:03:00Z', { crisisTerms: ['recall'] }),
      mention('2026-11-20T00:04:00Z', { platform: 'jd', polarity: 'positive' }),
      mention('2026-11-21T12:00:00Z', { platform: 'douyin', polarity: 'neutral' }),
    );
    const days = [...stored(d), ...stored(deltasOf(mention('2026-11-20T00:01:00Z'), mention('2026-11-21T12:02:00Z', { platform: 'douyin' })))];
    const reference = (from: number, to: number, platform?: string) => {
      const sums = new Map<number, BucketPoint>();
      for (const { platform: _p, ...row } of platformRows(days, bucketStart(from), to, platform)) addCounts(sums.get(row.start) ?? sums.set(row.start, { ...row, ...emptyCounts() }).get(row.start)!, row);
      const out: BucketPoint[] = [];
      for (let t = bucketStart(from); t < to; t += BUCKET_MS) out.push(sums.get(t) ?? { start: t, ...emptyCounts() });
      return out;
    };
    for (const [from, to] of [[at('2026-11-19T23:51:00Z'), at('2026-11-21T12:07:30Z')], [at('2026-11-20T00:03:00Z'), at('2026-11-20T00:05:00Z')], [at('2026-11-21T00:00:00Z'), at('2026-11-21T00:00:00Z')]] as const) {
      for (const platform of [undefined, 'jd', 'douyin', 'absent']) {
        const s = brandSeries(days, from, to, platform);
        expect(s).toEqual(reference(from, to, platform));
        expect(s.map((p) => Object.keys(p).join())).toEqual(s.map(() => ['start', ...COUNTER_FIELDS].join()));
      }
    }
    expect(brandSeries(days, at('2026-11-20T00:00:00Z'), at('2026-11-20T00:05:00Z')).map((p) => [p.total, p.crisis])).toEqual([[3, 1]]);
  });

  it('fill series with zeros from the bucket of `from` to `to`, per platform when asked', () => {
    const s = brandSeries(split, at('2026-11-20T08:01:00Z'), at('2026-11-20T08:15:00Z'));
    expect(s.map((p) => [p.start, p.total, p.negative, p.positive, p.likes])).toEqual([
      [from, 2, 1, 1, 6], [at('2026-11-20T08:05:00Z'), 1, 0, 0, 3], [at('2026-11-20T08:10:00Z'), 0, 0, 0, 0],
    ]);
    expect(brandSeries(split, from, at('2026-11-20T08:10:00Z'), 'jd').map((p) => p.total)).toEqual([0, 1]);
    const late = topicSeries(split, from, at('2026-11-20T08:10:00Z'), 'late', 'keyword');
    expect(late.map((p) => [p.total, p.negative, p.positive])).toEqual([[2, 1, 1], [0, 0, 0]]);
    expect(topicSeries(split, from, at('2026-11-20T08:05:00Z'), 'recall').map((p) => p.crisis)).toEqual([1]);
  });

  it('only count slots inside the range, even in a payload of a day the range overlaps', () => {
    expect(platformRows(split, at('2026-11-20T08:05:00Z'), at('2026-11-20T09:00:00Z')).map((r) => r.platform)).toEqual(['jd']);
    expect(topicTotals(split, at('2026-11-21T00:00:00Z'), to)).toEqual([{ topic: 'delivery', kind: 'keyword', total: 1, negative: 1, neutral: 0, positive: 0 }]);
  });
});

describe('rollupSums', () => {
  // one mention at 07:32 on each of three days, and one at 23:40 on the middle day
  const d = deltasOf(
    mention('2026-11-18T23:32:00Z'),
    mention('2026-11-19T07:32:00Z', { polarity: 'positive', crisisTerms: ['recall'] }),
    mention('2026-11-19T23:40:00Z', { platform: 'jd' }),
    mention('2026-11-20T02:32:00Z', { topics: ['late'] }),
    mention('2026-11-20T03:05:00Z'),
  );
  const days = stored(d);

  it('gives hourly points over whole UTC days and 5-minute points around them, reading whole hours', () => {
    const s = rollupSums(days, at('2026-11-18T23:10:00Z'), at('2026-11-20T02:30:00Z'), { fineSlots: false });
    expect(s.points.map((p) => [new Date(p.start).toISOString(), p.total])).toEqual([
      ['2026-11-18T23:30:00.000Z', 1],
      ['2026-11-19T07:00:00.000Z', 1],
      ['2026-11-19T23:00:00.000Z', 1],
      // the hour `to` falls inside counts whole; 03:05 is past it
      ['2026-11-20T02:30:00.000Z', 1],
    ]);
    expect(s.total).toMatchObject({ total: 4, negative: 3, positive: 1, crisis: 1, likes: 12 });
    expect(Object.fromEntries(Object.entries(s.platforms).map(([k, v]) => [k, v.total]))).toEqual({ weibo: 3, jd: 1 });
    expect([...s.topics.entries()]).toEqual([
      ['keyword:delivery', { topic: 'delivery', kind: 'keyword', negative: 2 }],
      ['keyword:late', { topic: 'late', kind: 'keyword', negative: 1 }],
    ]);
  });

  it('keeps 5-minute points everywhere with fineSlots, to the same totals', () => {
    const fine = rollupSums(days, at('2026-11-18T23:10:00Z'), at('2026-11-20T02:30:00Z'), { fineSlots: true });
    expect(fine.points.map((p) => new Date(p.start).toISOString())).toEqual([
      '2026-11-18T23:30:00.000Z', '2026-11-19T07:30:00.000Z', '2026-11-19T23:40:00.000Z', '2026-11-20T02:30:00.000Z',
    ]);
    expect(fine.total.total).toBe(4);
    expect(rollupSums([], 0, 1, { fineSlots: true }).points).toEqual([]);
  });

  it('reads the same from a whole day summed into hours (its digest) as from its 5-minute slots', () => {
    const whole = at('2026-11-19T00:00:00Z');
    const hourly = hourlyPayload(days.find((p) => p.day === whole)!.payload);
    expect(hourly.p!.weibo![0]).toBe(84); // 07:32 in the 07:00 hour's first slot
    const digested = days.map((p) => (p.day === whole ? { day: p.day, payload: hourly } : p));
    const range = [at('2026-11-18T23:10:00Z'), at('2026-11-20T02:30:00Z')] as const;
    expect(rollupSums(digested, ...range, { fineSlots: false })).toEqual(rollupSums(days, ...range, { fineSlots: false }));
  });
});

describe('day keys', () => {
  it('name UTC days and list those a range overlaps', () => {
    expect(dayKey(at('2026-01-31T23:59:59Z'))).toBe('20260131');
    expect(dayOfKey('20260131')).toBe(at('2026-01-31T00:00:00Z'));
    expect(dayOfKey('20260231')).toBeNull();
    expect(dayOfKey('dirty')).toBeNull();
    expect(daysOverlapping(at('2026-11-19T23:00:00Z'), at('2026-11-21T00:00:00Z')).map(dayKey)).toEqual(['20261119', '20261120']);
    expect(daysOverlapping(at('2026-11-19T23:00:00Z'), at('2026-11-21T00:00:01Z'))).toHaveLength(3);
  });
});

describe('digestibleDays', () => {
  const D = Date.UTC(2026, 2, 1);
  const H = 3_600_000;
  it('gives the whole UTC days of a range of whole hours, from two of them on, and none for 5-minute reads', () => {
    expect(digestibleDays(D - H, D + 2 * 86_400_000 + H, false)).toEqual([D, D + 86_400_000]);
    expect(digestibleDays(D, D + 86_400_000 + H, false)).toEqual([]);
    expect(digestibleDays(D, D + 3 * 86_400_000, true)).toEqual([]);
  });
});
