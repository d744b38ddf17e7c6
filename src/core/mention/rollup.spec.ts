import { describe, expect, it } from '@jest/globals';
import { addDelta, contributionOf, emptyDeltas } from './contribution.js';
import { addRollup, emptySums, fieldKey, fromFieldKey, rollupCollection, rollupCover, rollupWrites, type RollupDoc } from './rollup.js';

const at = (iso: string) => new Date(iso);
const mention = (iso: string, over: Partial<Parameters<typeof contributionOf>[0]> = {}) =>
  contributionOf({ brand: 'acme', platform: 'weibo', publishedAt: at(iso), polarity: 'negative', crisisTerms: [], topics: ['delivery'], engagement: { likes: 3, shares: 1, comments: 0, views: 0 }, ...over });

/** Applies `$inc` writes to plain documents, as the database would. */
function store(writes: ReturnType<typeof rollupWrites>, into = new Map<string, RollupDoc & Record<string, unknown>>()) {
  for (const w of writes) {
    const doc = into.get(`${w.collection}/${w.id}`) ?? into.set(`${w.collection}/${w.id}`, { _id: w.id, brand: w.brand, start: new Date(w.start) }).get(`${w.collection}/${w.id}`)!;
    for (const [path, v] of Object.entries(w.inc)) {
      const keys = path.split('.');
      let o = doc as Record<string, unknown>;
      for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
      o[keys.at(-1)!] = ((o[keys.at(-1)!] as number) ?? 0) + v;
    }
  }
  return into;
}

describe('rollupWrites', () => {
  it('counts a mention in its hour document (5-minute slot) and its day document (hour slot), in time-named collections', () => {
    const d = emptyDeltas();
    addDelta(d, null, mention('2026-11-20T08:41:00Z', { crisisTerms: ['食物中毒'], platform: 'm.weibo.cn' }));
    const writes = rollupWrites(d);
    expect(writes.map((w) => w.collection).sort()).toEqual(['rollup_days_202611', 'rollup_hours_20261120']);
    const hour = writes.find((w) => w.collection.startsWith('rollup_hours'))!;
    expect(hour.id).toBe(`acme|${Date.parse('2026-11-20T08:00:00Z')}`);
    expect(hour.inc).toMatchObject({ 'c.total': 1, 'c.negative': 1, 'c.crisis': 1, 's.8.total': 1, 'p.m%2Eweibo%2Ecn.likes': 3, 'k.delivery': 1, 'x.食物中毒': 1 });
    expect(writes.find((w) => w.collection.startsWith('rollup_days'))!.inc).toMatchObject({ 's.8.total': 1, 'c.total': 1 });
  });

  it('moves counters by exactly what an update changed, and writes nothing for an unchanged one', () => {
    const before = mention('2026-11-20T08:41:00Z');
    const after = mention('2026-11-20T08:41:00Z', { polarity: 'positive', engagement: { likes: 10, shares: 1, comments: 0, views: 0 } });
    const d = emptyDeltas();
    addDelta(d, before, after);
    const hour = rollupWrites(d).find((w) => w.collection.startsWith('rollup_hours'))!;
    expect(hour.inc).toEqual({ 'c.negative': -1, 'c.positive': 1, 'c.likes': 7, 'p.weibo.negative': -1, 'p.weibo.positive': 1, 'p.weibo.likes': 7, 's.8.negative': -1, 's.8.positive': 1, 's.8.likes': 7, 'k.delivery': -1 });
    const same = emptyDeltas();
    addDelta(same, before, before);
    expect(rollupWrites(same)).toEqual([]);
  });
});

describe('rollupCover', () => {
  it('reads whole UTC days from day documents and the rest from hour documents', () => {
    const cover = rollupCover(Date.parse('2026-11-18T22:00:00Z'), Date.parse('2026-11-20T02:30:00Z'), { fineSlots: false });
    expect(cover.map((c) => `${c.level} ${new Date(c.start).toISOString().slice(5, 13)}`)).toEqual(['hour 11-18T22', 'hour 11-18T23', 'day 11-19T00', 'hour 11-20T00', 'hour 11-20T01', 'hour 11-20T02']);
    expect(rollupCover(Date.parse('2026-11-19T00:00:00Z'), Date.parse('2026-11-20T00:00:00Z'), { fineSlots: true })).toHaveLength(24);
  });
});

describe('addRollup', () => {
  it('sums documents back into points, platform and topic totals equal to the mentions they counted', () => {
    const d = emptyDeltas();
    addDelta(d, null, mention('2026-11-20T08:41:00Z'));
    addDelta(d, null, mention('2026-11-20T08:44:00Z', { platform: 'jd', polarity: 'neutral', topics: ['delivery', 'price'] }));
    addDelta(d, null, mention('2026-11-20T09:02:00Z'));
    const docs = [...store(rollupWrites(d)).entries()];
    const hours = emptySums();
    for (const [key, doc] of docs) if (key.startsWith('rollup_hours')) addRollup(hours, doc, 'hour');
    expect(hours.points.map((p) => [new Date(p.start).toISOString().slice(11, 16), p.total])).toEqual([['08:40', 2], ['09:00', 1]]);
    expect(hours.total.total).toBe(3);
    expect(hours.platforms.weibo!.negative).toBe(2);
    expect(hours.topics.get('keyword:delivery')).toEqual({ topic: 'delivery', kind: 'keyword', negative: 2 });
    const day = emptySums();
    for (const [key, doc] of docs) if (key.startsWith('rollup_days')) addRollup(day, doc, 'day');
    expect(day.points.map((p) => [new Date(p.start).toISOString().slice(11, 16), p.total])).toEqual([['08:00', 2], ['09:00', 1]]);
    expect(day.topics.get('keyword:price')).toBeUndefined();
    expect(day.topics.get('keyword:delivery')!.negative).toBe(2);
  });
});

describe('fieldKey', () => {
  it('encodes the characters a field name may not hold, and back', () => {
    for (const s of ['a.b', '$x', '100%', '食物中毒', 'plain']) expect(fromFieldKey(fieldKey(s))).toBe(s);
    expect(fieldKey('$a.b%')).toBe('%24a%2Eb%25');
    expect(rollupCollection('day', Date.parse('2026-01-31T23:00:00Z'))).toBe('rollup_days_202601');
  });
});
