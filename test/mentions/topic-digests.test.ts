import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { addDelta, contributionOf, emptyDeltas, type BucketDeltas } from '../../src/core/mention/contribution.js';
import { DIGEST_TOPICS } from '../../src/core/mention/topic-digest.js';
import { BucketsRepository } from '../../src/mentions/buckets.repository.js';
import { BucketsService } from '../../src/mentions/buckets.service.js';
import { MARKER_KEPT_MS } from '../../src/platform/database/delta-ledger.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand } from '../support/factories.js';

const DAY = Date.parse('2026-11-20T00:00:00Z');
const FROM = new Date(DAY - 86_400_000);
const TO = new Date(DAY + 86_400_000);
const TOPICS = DIGEST_TOPICS + 12;
const BRANDS = ['acme', 'rival'];

let n = 0;
/**
 * `count` mentions of a brand over 2026-11-19 and -20, spread over every topic, topic0 twice as often (none with
 * `topics: false`): enough of them that the digests cannot keep every topic's runs.
 */
function batch(brand: string, count: number, topics = true): BucketDeltas {
  const d = emptyDeltas();
  for (let i = 0; i < count; i++, n++) {
    const topic = `topic${n % (TOPICS + 1) === TOPICS ? 0 : n % (TOPICS + 1)}`;
    addDelta(d, null, contributionOf({
      brand, platform: n % 4 ? 'weibo' : 'jd', publishedAt: new Date(FROM.getTime() + ((n * 7919) % 2880) * 60_000), polarity: (['negative', 'neutral', 'positive'] as const)[n % 3]!,
      crisisTerms: topics && n % 5 === 0 ? ['recall'] : [], topics: topics ? [topic] : [], engagement: { likes: n % 10, shares: 1, comments: 0, views: 2 },
    }));
  }
  return d;
}

describe('topic digests', () => {
  let t: TestApp;
  let repo: BucketsRepository;
  const db = () => t.connection.db!;
  const fold = async () => {
    await repo.compact();
    for (const name of ['counts_dirty', 'topics_dirty']) await db().collection(name).updateMany({}, { $set: { at: new Date(Date.now() - MARKER_KEPT_MS - 1) } });
    await repo.compact();
  };
  const topics = [...Array.from({ length: TOPICS }, (_, i) => ({ topic: `topic${i}`, kind: 'keyword' as const })), { topic: 'recall', kind: 'crisis' as const }, { topic: 'absent', kind: 'keyword' as const }];
  /** Every topic's series of both brands, through a pass's session, and the topic day partitions it read. */
  const series = async (session: boolean, from = FROM) => {
    const svc = t.app.get(BucketsService);
    const reader = session ? svc.session(BRANDS) : svc;
    const reads = jest.spyOn(repo, 'read');
    try {
      const out: unknown[] = [];
      for (const brand of BRANDS) for (const q of topics) out.push(await reader.topicSeries({ brand, ...q, from, to: TO }));
      return { out, topicReads: reads.mock.calls.filter((c) => c[3] === 'topics').length };
    } finally {
      reads.mockRestore();
    }
  };

  beforeAll(async () => {
    t = await startTestApp({ label: 'topic-digests', config: { brands: [acmeBrand] } });
    repo = t.app.get(BucketsRepository);
  });
  afterAll(async () => t.close());

  it('answer a pass from the digests of folded days: the same series, a day partition read only for a topic not kept', async () => {
    for (const brand of BRANDS) await repo.apply(batch(brand, 8_000));
    await fold();
    expect(await db().collection('topics_digest_202611').countDocuments({ brand: '*' })).toBe(2);
    const plain = await series(false);
    const shared = await series(true);
    expect(shared.out).toEqual(plain.out);
    // the topics not among a day's busiest are read from that day's partition, once for both brands
    expect(shared.topicReads).toBeGreaterThan(0);
    expect(shared.topicReads).toBeLessThanOrEqual(2);
    expect(plain.topicReads).toBe(BRANDS.length * topics.length);
    // the busiest topics alone: no topic partition
    const svc = t.app.get(BucketsService).session(BRANDS);
    const reads = jest.spyOn(repo, 'read');
    try {
      await svc.topicSeries({ brand: 'acme', topic: 'topic0', kind: 'keyword', from: FROM, to: TO });
      expect(reads.mock.calls.filter((c) => c[3] === 'topics')).toHaveLength(0);
    } finally {
      reads.mockRestore();
    }
  });

  it('stay in use while only platform counters move, and give way to the partition once a day has new topic counters', async () => {
    await repo.apply(batch('acme', 40, false));
    expect((await db().collection('topics_dirty').find({}).toArray()).length).toBe(0);
    expect((await series(true)).out).toEqual((await series(false)).out);
    const before = await series(false);
    await repo.apply(batch('acme', 40));
    const after = await series(true);
    expect(after.out).toEqual((await series(false)).out);
    expect(after.out).not.toEqual(before.out);
    expect(after.topicReads).toBe(2);
  });

  it('are written by migrate for days folded before them, and cleared with the counters', async () => {
    await fold();
    const expected = (await series(false)).out;
    // what a database written before topic digests holds, upgraded by a new process (`goldenhour migrate`)
    await db().dropCollection('topics_digest_202611');
    expect(await new BucketsRepository(t.connection).digestMissingDays()).toBe(2);
    expect(await db().collection('topics_digest_202611').countDocuments({ brand: '*' })).toBe(2);
    expect((await series(true)).out).toEqual(expected);
    await repo.clear(new Date(0), new Date(8.64e15));
    expect(await db().collection('topics_digest_202611').countDocuments()).toBe(0);
  });
});
