import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IngestService } from '../../src/mentions/ingest.service.js';
import { MARKER_KEPT_MS } from '../../src/platform/database/delta-ledger.js';
import { StoriesRepository } from '../../src/stories/stories.repository.js';
import { StoriesService } from '../../src/stories/stories.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const TEXTS = [
  '吃了阿克米的外卖，全家食物中毒，孩子上吐下泻进了医院！大家千万别再买了',
  'Acme delivery driver was rude and threw the bag at my door, never ordering again',
  '阿克米新出的麻辣香锅太好吃了，分量足还便宜，强烈推荐给大家',
  'My Acme order arrived two hours late and the noodles were cold and soggy',
  '阿克米客服电话一直打不通，退款申请提交三天了没人处理，太失望了',
  'Found a long hair in the Acme fried rice tonight, photos attached, disgusting',
  '阿克米人民路店今天排队一个小时，店员态度很好，但是出餐太慢',
];
const DAY = '2026-11-19';
const FROM = new Date(`${DAY}T00:00:00Z`);
const TO = new Date('2026-11-20T00:00:00Z');

/**
 * The day digests of stories (stories_top_YYYYMM): a list over settled days that holds all their stories' mentions
 * answers from them exactly what the day partitions give, and a day with a new delta is read from its partition again.
 */
describe('story day digests, against the real database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ label: 'story-digests', config: { brands: [acmeBrand] } });
  });
  afterAll(async () => t.close());

  const db = () => t.connection.db!;
  const list = (limit: number, from = FROM, to = TO) => t.app.get(StoriesService).list({ brand: 'acme', from, to, limit });
  /** What MARKER_KEPT_MS of real time does to the dirty markers (their writers' clocks). */
  const settle = async () => {
    const repo = t.app.get(StoriesRepository);
    await repo.compact();
    await db().collection('stories_dirty').updateMany({}, { $set: { at: new Date(Date.now() - MARKER_KEPT_MS - 1) } });
    await repo.compact();
    expect(await db().collection('stories_dirty').countDocuments()).toBe(0);
  };

  it('reads a whole settled day from its digest, the same stories as from its partition, and from its partition once it has a new delta', async () => {
    // Seven stories of one day, story k with k % 3 + 1 mentions (reposts) and its own engagement.
    await t.app.get(IngestService).ingest(TEXTS.flatMap((text, k) => Array.from({ length: (k % 3) + 1 }, (_, j) => mention({
      externalId: `s${k}-${j}`, text: j ? `转发//@user${k}:${text}` : text, publishedAt: `${DAY}T0${k}:${10 + j}:00Z`, engagement: { likes: 10 * k + j, shares: 1, comments: 0, views: 0 },
    }))));
    const partitions = await list(5);
    expect(partitions.length).toBe(5);
    // Over the limit a digest keeps, the list reads the partitions: its first five are the same stories.
    expect((await list(7)).slice(0, 5)).toEqual(partitions);

    await settle();
    const digests = db().collection('stories_top_202611');
    expect(await digests.countDocuments({ day: '20261119', brand: '*' })).toBe(1);
    expect(JSON.parse(((await digests.findOne({ day: '20261119', brand: 'acme' }))!.data as string)).top).toHaveLength(5);
    expect(await list(5)).toEqual(partitions);
    expect((await list(7)).slice(0, 5)).toEqual(partitions);

    // The day partition emptied behind the ledger's back: a list over the whole day still answers from the digest,
    // one over part of it (not every story's mentions inside) from the partition.
    const saved = await db().collection('stories_20261119').find({}).toArray();
    await db().collection('stories_20261119').deleteMany({});
    expect(await list(5)).toEqual(partitions);
    // So does a list over part of the day that holds all its stories' mentions (all before 07:00).
    expect(await list(5, FROM, new Date(`${DAY}T12:00:00Z`))).toEqual(partitions);
    expect(await list(5, new Date(`${DAY}T01:00:00Z`))).toEqual([]);
    await db().collection('stories_20261119').insertMany(saved);

    // A new mention of the day adds a delta to a story outside the digest's five and marks the day: read from its
    // partition again, that story now among the five.
    await t.app.get(IngestService).ingest([mention({ externalId: 's3-9', text: `转发//@user9:${TEXTS[3]}`, publishedAt: `${DAY}T03:30:00Z` })]);
    const after = await list(5);
    expect(after.find((s) => s.first.mention === 'weibo:s3-0')).toMatchObject({ mentions: 2, inRange: 2 });
    expect((await list(7)).slice(0, 5)).toEqual(after);
    await settle();
    expect(await list(5)).toEqual(after);
  });

  it('answers an edge day (mentions inside and outside the range) from its digest when no story it leaves out can make the list', async () => {
    // The next day: five more stories of four mentions each, all larger than any of the first day's.
    const next = ['Acme 会员日 coupons failed at checkout for everyone in Shanghai this morning', '阿克米自提柜坏了一整天，取不到货也联系不上客服',
      'Acme imported milk recall notice posted on the store door, no refunds offered yet', '阿克米水果拼盘里发现发霉的草莓，照片在评论区',
      'Acme pickup counter closed early again, twenty people waiting outside in the rain'];
    await t.app.get(IngestService).ingest(next.flatMap((text, k) => Array.from({ length: 4 }, (_, j) => mention({
      externalId: `n${k}-${j}`, text: j ? `转发//@fan${k}${j}:${text}` : text, publishedAt: `2026-11-20T0${k}:${10 + j}:00Z`, engagement: { likes: k + j, shares: 0, comments: 0, views: 0 },
    }))));
    // From 01:00 of the first day: its stories have mentions on both sides of the range's start.
    const from = new Date(`${DAY}T01:00:00Z`);
    const to = new Date('2026-11-21T00:00:00Z');
    const fromPartitions = await list(5, from, to);
    expect(fromPartitions.map((s) => s.mentions)).toEqual([4, 4, 4, 4, 4]);
    await settle();
    // Which day partitions a list reads (the repository's own reader, called through).
    const repo = t.app.get(StoriesRepository) as unknown as { storiesOfDay: (day: string, filter: object) => Promise<unknown[]> };
    const read: string[] = [];
    const storiesOfDay = repo.storiesOfDay.bind(repo);
    repo.storiesOfDay = (day, filter) => (read.push(day), storiesOfDay(day, filter));
    expect(await list(5, from, to)).toEqual(fromPartitions);
    expect(read).not.toContain('20261119');
    // Six could need a story the first day's digest leaves out: that day is read.
    expect((await list(6, from, to)).slice(0, 5)).toEqual(fromPartitions);
    expect(read).toContain('20261119');
  });
});
