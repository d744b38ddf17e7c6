import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { addDelta, contributionOf, emptyDeltas, type BucketDeltas } from '../../src/core/mention/contribution.js';
import { mergePayloads, type LedgerPayload } from '../../src/core/mention/ledger.js';
import { BucketsRepository, partitionName } from '../../src/mentions/buckets.repository.js';
import { MARKER_KEPT_MS } from '../../src/platform/database/delta-ledger.js';
import { BucketsService } from '../../src/mentions/buckets.service.js';
import { LedgerCompactionJob } from '../../src/mentions/ledger-compaction.job.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand } from '../support/factories.js';

const DAY = Date.parse('2026-11-20T00:00:00Z');
const FROM = new Date(DAY - 86_400_000);
const TO = new Date(DAY + 86_400_000);

let n = 0;
/** A batch of `count` new mentions of a brand spread over 2026-11-19 and -20. */
function batch(brand: string, count: number): BucketDeltas {
  const d = emptyDeltas();
  for (let i = 0; i < count; i++, n++) {
    const polarity = (['negative', 'neutral', 'positive'] as const)[n % 3]!;
    addDelta(d, null, contributionOf({
      brand, platform: n % 4 ? 'weibo' : 'jd', publishedAt: new Date(FROM.getTime() + ((n * 7919) % 2880) * 60_000), polarity,
      crisisTerms: n % 5 ? [] : ['recall'], topics: [`topic${n % 6}`], engagement: { likes: n % 10, shares: 1, comments: 0, views: 2 },
    }));
  }
  return d;
}

describe('counter ledger storage', () => {
  let t: TestApp;
  let repo: BucketsRepository;
  const db = () => t.connection.db!;
  const today = () => db().collection(partitionName(DAY));

  /** Everything the readers answer for both brands over the two days. */
  const readAll = async () => {
    const svc = t.app.get(BucketsService);
    const out: unknown[] = [];
    for (const brand of ['acme', 'rival']) {
      out.push(await svc.series({ brand, from: FROM, to: TO }));
      out.push(await svc.byPlatform({ brand, from: FROM, to: TO }));
      out.push(await svc.topTopics({ brand, from: FROM, to: TO, limit: 10 }));
      out.push(await svc.topicSeries({ brand, topic: 'recall', kind: 'crisis', from: FROM, to: TO }));
    }
    for (const fineSlots of [true, false]) {
      const sums = await svc.rollupSums({ brands: ['acme', 'rival'], from: FROM, to: TO, fineSlots });
      out.push([...sums].map(([b, s]) => [b, s.points, { ...s.platforms }, s.total, [...s.topics].sort()]));
    }
    return JSON.parse(JSON.stringify(out)) as unknown;
  };
  const kinds = async () => (await today().find({}).toArray()).map((d) => String(d._id).slice(0, 1)).sort().join('');

  /** What MARKER_KEPT_MS of real time does to the dirty markers (their writers' clocks). */
  const ageMarkers = async () => {
    for (const name of ['counts_dirty', 'topics_dirty']) await db().collection(name).updateMany({}, { $set: { at: new Date(Date.now() - MARKER_KEPT_MS - 1) } });
  };

  beforeAll(async () => {
    t = await startTestApp({ label: 'ledger', config: { brands: [acmeBrand] } });
    repo = t.app.get(BucketsRepository);
  });
  afterAll(async () => t.close());

  it('inserts one delta per brand and day a batch touched, marks the days, and compacts them into one summary per brand', async () => {
    for (let i = 0; i < 5; i++) await repo.apply(batch(i % 2 ? 'rival' : 'acme', 40));
    expect(new Set((await db().collection('counts_dirty').find({}).toArray()).map((d) => d.day))).toEqual(new Set(['20261119', '20261120']));
    expect(await kinds()).toBe('ddddd');
    const before = await readAll();
    expect((before as unknown[][])[0]).toHaveLength(576);

    await t.app.get(LedgerCompactionJob).tick();
    expect(await kinds()).toBe('ss');
    expect(await readAll()).toEqual(before);
    // Markers outlive the fold until no writer can be skipping its re-mark; the next pass leaves the days folded
    // since alone, and once the markers are old drops them and folds the days again.
    expect(await db().collection('counts_dirty').countDocuments()).toBe(2);
    expect(await repo.compact()).toBe(0);
    await ageMarkers();
    expect(await repo.compact()).toBe(2);
    expect(await db().collection('counts_dirty').countDocuments()).toBe(0);
    // nothing new: a further pass changes nothing
    expect(await repo.compact()).toBe(0);
    expect(await kinds()).toBe('ss');
  });

  it('a session over several brands answers each as the plain reads do, reading each day and family once for all of them', async () => {
    await repo.apply(batch('acme', 30));
    const svc = t.app.get(BucketsService);
    const plain = [];
    for (const brand of ['acme', 'rival']) plain.push(await svc.series({ brand, from: FROM, to: TO }), await svc.topTopics({ brand, from: FROM, to: TO, limit: 5 }));
    const reads = jest.spyOn(repo, 'read');
    try {
      const session = svc.session(['acme', 'rival']);
      const shared = [];
      for (const brand of ['acme', 'rival']) shared.push(await session.series({ brand, from: FROM, to: TO }), await session.topTopics({ brand, from: FROM, to: TO, limit: 5 }));
      expect(shared).toEqual(plain);
      // two days × two families, whatever the number of brands
      expect(reads).toHaveBeenCalledTimes(4);
    } finally {
      reads.mockRestore();
    }
  });

  it('stays exact when a compactor stopped after writing its summary, and the next one cleans up', async () => {
    await repo.apply(batch('acme', 30));
    await repo.apply(batch('acme', 30));
    const expected = await readAll();
    // what a compactor that crashed after its insert leaves: summary gen 2 folding both deltas, deltas still there
    const docs = await today().find({ brand: 'acme' }).toArray();
    const deltas = docs.filter((d) => d.kind === 'd');
    const summary = docs.find((d) => d.kind === 's')!;
    const data = mergePayloads([summary, ...deltas].map((d) => JSON.parse(d.data as string) as LedgerPayload));
    await today().insertOne({ _id: `s|acme|${(summary.gen as number) + 1}` as never, brand: 'acme', kind: 's', gen: (summary.gen as number) + 1, data: JSON.stringify(data), folded: JSON.stringify(deltas.map((d) => d._id)) });
    expect(await readAll()).toEqual(expected);

    await repo.apply(batch('acme', 10));
    const more = await readAll();
    expect(more).not.toEqual(expected);
    await repo.compact();
    expect(await kinds()).toBe('ss');
    expect((await today().findOne({ brand: 'acme' }))!.gen).toBe((summary.gen as number) + 2);
    expect(await readAll()).toEqual(more);
  });

  it('lets one of two racing compactors win and stays exact', async () => {
    await repo.apply(batch('acme', 20));
    await repo.apply(batch('rival', 20));
    const expected = await readAll();
    await Promise.all([repo.compactDay(DAY), repo.compactDay(DAY), repo.compactDay(DAY - 86_400_000)]);
    expect(await readAll()).toEqual(expected);
    await repo.compact();
    expect(await kinds()).toBe('ss');
    expect(await readAll()).toEqual(expected);
  });

  it('reads a whole day from its digest once nothing is left unfolded, and from its partition while it is marked', async () => {
    await repo.apply(batch('acme', 50));
    await repo.compact();
    await ageMarkers();
    await repo.compact();
    const digests = db().collection('counts_digest_202611');
    expect(await digests.countDocuments({ day: '20261119', brand: '*' })).toBe(1);
    const sums = (fineSlots: boolean) => repo.sums(['acme'], FROM, TO, { fineSlots }).then((m) => m.get('acme')!);
    const exact = (await sums(true)).total;
    expect((await sums(false)).total).toEqual(exact);

    // The day partition emptied behind the ledger's back: the hourly read still answers from the digest.
    await db().collection(partitionName(DAY - 86_400_000)).deleteMany({});
    expect((await sums(false)).total).toEqual(exact);
    expect((await sums(true)).total.total).toBeLessThan(exact.total);

    // A new delta marks its days: they are read from their partitions again, the new mentions included.
    await repo.apply(batch('acme', 10));
    expect((await sums(false)).total).toEqual((await sums(true)).total);
    expect((await sums(false)).total.total).toBeLessThan(exact.total + 10);
  });

  it('clears one brand over whole UTC days and leaves the others', async () => {
    const rival = JSON.stringify((await repo.range('rival', FROM, TO)).length);
    const range = await repo.clear(new Date('2026-11-20T10:00:00Z'), new Date('2026-11-20T11:00:00Z'), 'acme');
    expect(range).toEqual({ from: new Date(DAY), to: new Date(DAY + 86_400_000) });
    expect(await repo.range('acme', new Date(DAY), TO)).toEqual([]);
    expect((await repo.range('acme', FROM, new Date(DAY))).length).toBeGreaterThan(0);
    expect(JSON.stringify((await repo.range('rival', FROM, TO)).length)).toBe(rival);
    // an unbounded clear finds its partitions by name
    expect(await repo.clear(new Date(0), new Date(8.64e15))).toEqual({ from: new Date(0), to: new Date(8.64e15) });
    expect(await repo.range('rival', FROM, TO)).toEqual([]);
    expect(await db().collection('counts_digest_202611').countDocuments()).toBe(0);
  });
  it('reads a period and the one before it together: each gets the sums it reads alone, also after a new delta', async () => {
    await repo.apply(batch('rival', 30));
    await repo.compact();
    await ageMarkers();
    await repo.compact();
    const plain = (m: Map<string, unknown>) => JSON.parse(JSON.stringify([...m], (_k, v: unknown) => (v instanceof Map ? [...v].sort() : v))) as unknown;
    const queries = [
      { brands: ['acme', 'rival'], from: FROM, to: TO, fineSlots: false },
      { brands: ['acme'], from: new Date(DAY - 12 * 3_600_000), to: new Date(DAY + 12 * 3_600_000), fineSlots: false },
      { brands: ['rival'], from: new Date(DAY + 6 * 3_600_000), to: TO, fineSlots: true },
    ];
    const alone = async () => Promise.all(queries.map(async (q) => plain(await repo.sums(q.brands, q.from, q.to, { fineSlots: q.fineSlots }))));
    const together = async () => (await repo.sumsOf(queries)).map(plain);
    const before = await alone();
    expect(await together()).toEqual(before);
    await repo.apply(batch('acme', 10));
    const after = await together();
    expect(after).toEqual(await alone());
    expect(after).not.toEqual(before);
  });
});
