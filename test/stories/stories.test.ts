import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { IngestService } from '../../src/mentions/ingest.service.js';
import { LedgerCompactionJob } from '../../src/mentions/ledger-compaction.job.js';
import { StoriesRepository } from '../../src/stories/stories.repository.js';
import { StoriesService } from '../../src/stories/stories.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const ORIGINAL = '吃了阿克米的外卖，全家食物中毒，孩子上吐下泻进了医院！订单是昨晚在人民路店点的宫保鸡丁饭，大家千万别再买了';

describe('stories at ingest, against the real database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ label: 'stories', config: { brands: [acmeBrand] }, dropOnClose: false });
  });
  afterAll(async () => t.close());

  const ingest = (items: Record<string, unknown>[]) => t.app.get(IngestService).ingest(items);

  it('assigns a post, its repost and an edited copy on another platform to one story, and an unrelated post to another', async () => {
    await ingest([
      mention({ externalId: 'food-1', text: ORIGINAL, author: { name: '小王妈妈' }, publishedAt: '2026-11-20T08:00:00Z', engagement: { likes: 30, shares: 10, comments: 5, views: 0 } }),
      mention({ externalId: 'food-2', text: `求扩散//@小王妈妈:${ORIGINAL}`, publishedAt: '2026-11-20T08:05:00Z' }),
    ]);
    await ingest([
      mention({ externalId: 'food-3', platform: 'douyin', text: `【避雷】${ORIGINAL.replace('昨晚在', '')}`, publishedAt: '2026-11-20T08:20:00Z', engagement: { likes: 900, shares: 100, comments: 50, views: 0 } }),
      mention({ externalId: 'other-1', text: '阿克米人民路店的宫保鸡丁饭今天很好吃，送得也快', publishedAt: '2026-11-20T08:30:00Z' }),
    ]);
    const stories = t.app.get(StoriesService);
    const food = await stories.storyOf('weibo:food-1', new Date('2026-11-20T08:00:00Z'));
    expect(await stories.storyOf('weibo:food-2', new Date('2026-11-20T08:05:00Z'))).toBe(food);
    expect(await stories.storyOf('douyin:food-3', new Date('2026-11-20T08:20:00Z'))).toBe(food);
    expect(await stories.storyOf('weibo:other-1', new Date('2026-11-20T08:30:00Z'))).not.toBe(food);

    const res = await t.request(`/api/v1/stories?brand=acme&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z`, { as: 'viewer' });
    const list = (await res.json()) as Array<Record<string, unknown>>;
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({
      _id: food,
      mentions: 3,
      inRange: 3,
      reach: 45 + 1 + 1050,
      platforms: { weibo: 2, douyin: 1 },
      first: { mention: 'weibo:food-1', author: '小王妈妈' },
      top: { mention: 'douyin:food-3' },
    });
    expect(list[0]).not.toHaveProperty('reps');

    // Each batch inserted what it added to the story; folding those deltas into a summary changes nothing read.
    await t.app.get(LedgerCompactionJob).tick();
    const folded = (await (await t.request(`/api/v1/stories?brand=acme&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z`, { as: 'viewer' })).json()) as unknown[];
    expect(folded).toEqual(list);
  });

  it("adds to a story's reach what its mentions gain in engagement when they are seen again", async () => {
    const stories = t.app.get(StoriesService);
    const food = (await stories.storyOf('weibo:food-1', new Date('2026-11-20T08:00:00Z')))!;
    const before = (await stories.get(food))!.reach;
    await ingest([mention({ externalId: 'food-1', text: ORIGINAL, author: { name: '小王妈妈' }, publishedAt: '2026-11-20T08:00:00Z', engagement: { likes: 130, shares: 10, comments: 5, views: 0 } })]);
    expect((await stories.get(food))!.reach).toBe(before + 100);
    // Seen again with the same engagement: nothing to add.
    await ingest([mention({ externalId: 'food-1', text: ORIGINAL, author: { name: '小王妈妈' }, publishedAt: '2026-11-20T08:00:00Z', engagement: { likes: 130, shares: 10, comments: 5, views: 0 } })]);
    await t.app.get(LedgerCompactionJob).tick();
    expect((await stories.get(food))!).toMatchObject({ reach: before + 100, mentions: 3 });
  });

  it('keeps assigning to the same story after a restart (the window is warmed from the stored keys)', async () => {
    const dbName = t.config.dbName;
    await t.app.close();
    t = await startTestApp({ label: 'stories', config: { brands: [acmeBrand], dbName } });
    await t.app.get(IngestService).ingest([mention({ externalId: 'food-4', platform: 'xiaohongshu', text: `姐妹们避雷 ${ORIGINAL}`, publishedAt: '2026-11-20T09:00:00Z' })]);
    const stories = t.app.get(StoriesService);
    const food = await stories.storyOf('weibo:food-1', new Date('2026-11-20T08:00:00Z'));
    expect(await stories.storyOf('xiaohongshu:food-4', new Date('2026-11-20T09:00:00Z'))).toBe(food);
    const story = (await (await t.request(`/api/v1/stories/${encodeURIComponent(food!)}`, { as: 'viewer' })).json()) as Record<string, unknown>;
    expect(story).toMatchObject({ mentions: 4, reach: 45 + 100 + 1 + 1050 + 1, platforms: { weibo: 2, douyin: 1, xiaohongshu: 1 } });
    // The window warmed after the restart knows its members: a re-seen one still adds its gain.
    await t.app.get(IngestService).ingest([mention({ externalId: 'food-2', text: `求扩散//@小王妈妈:${ORIGINAL}`, publishedAt: '2026-11-20T08:05:00Z', engagement: { likes: 20, shares: 0, comments: 0, views: 0 } })]);
    expect((await stories.get(food!))!.reach).toBe(45 + 100 + 20 + 1050 + 1);
  });

  it("still moves a story's reach when one of its posts is seen again after the story left the hot window", async () => {
    const stories = t.app.get(StoriesService);
    const food = (await stories.storyOf('weibo:food-1', new Date('2026-11-20T08:00:00Z')))!;
    // Five days later: the window holds 23–25 November; the food-poisoning post of the 20th is found again with more engagement.
    await ingest([mention({ externalId: 'later-1', text: '阿克米新开的门店排队很长，奶茶一般般', publishedAt: '2026-11-25T08:00:00Z' })]);
    const before = (await stories.get(food))!.reach;
    await ingest([mention({ externalId: 'food-3', platform: 'douyin', text: `【避雷】${ORIGINAL.replace('昨晚在', '')}`, publishedAt: '2026-11-20T08:20:00Z', engagement: { likes: 1900, shares: 100, comments: 50, views: 0 } })]);
    expect((await stories.get(food))!.reach).toBe(before + 1000);
    await t.app.get(LedgerCompactionJob).tick();
    expect((await stories.get(food))!).toMatchObject({ reach: before + 1000, mentions: 4 });
  });

  it('moves the reach of an older story after a restart: at the next compaction pass, which reads its day once, then at once', async () => {
    const dbName = t.config.dbName;
    await t.app.close();
    t = await startTestApp({ label: 'stories', config: { brands: [acmeBrand], dbName } });
    const stories = t.app.get(StoriesService);
    const food = (await stories.storyOf('weibo:food-1', new Date('2026-11-20T08:00:00Z')))!;
    const before = (await stories.get(food))!.reach;
    await ingest([
      mention({ externalId: 'food-1', text: ORIGINAL, author: { name: '小王妈妈' }, publishedAt: '2026-11-20T08:00:00Z', engagement: { likes: 140, shares: 10, comments: 5, views: 0 } }),
      mention({ externalId: 'other-1', text: '阿克米人民路店的宫保鸡丁饭今天很好吃，送得也快', publishedAt: '2026-11-20T08:30:00Z', engagement: { likes: 7, shares: 0, comments: 0, views: 0 } }),
    ]);
    // Ingest does not read the day's members: the gain is queued (an insert) and counted by the compaction pass.
    expect((await stories.get(food))!.reach).toBe(before);
    await t.app.get(LedgerCompactionJob).tick();
    expect((await stories.get(food))!.reach).toBe(before + 10);
    // That pass kept the day's members: the next re-sighting of the day moves the reach at ingest.
    await ingest([mention({ externalId: 'food-1', text: ORIGINAL, author: { name: '小王妈妈' }, publishedAt: '2026-11-20T08:00:00Z', engagement: { likes: 150, shares: 10, comments: 5, views: 0 } })]);
    expect((await stories.get(food))!.reach).toBe(before + 20);
  });

  it('moves the reach of a story whose post is seen again more than 30 days after it, at the next compaction pass', async () => {
    const stories = t.app.get(StoriesService);
    const autumn = { externalId: 'autumn-1', text: '阿克米秋季新品栗子蛋糕太甜了，吃了两口就放下，不会再买', publishedAt: '2026-10-01T08:00:00Z' };
    await ingest([mention({ ...autumn, engagement: { likes: 5, shares: 0, comments: 0, views: 0 } })]);
    const story = (await stories.storyOf('weibo:autumn-1', new Date(autumn.publishedAt)))!;
    expect((await stories.get(story))!.reach).toBe(5);
    // The daemon then sees a post of 21 November: 1 October is 51 days before the newest day it has seen.
    await ingest([mention({ externalId: 'winter-1', text: '阿克米冬季套餐的热可可很浓，店员也很热情', publishedAt: '2026-11-21T08:00:00Z' })]);
    const seenAgain = () => ingest([mention({ ...autumn, engagement: { likes: 300, shares: 5, comments: 0, views: 0 } })]);
    await seenAgain();
    // Queued at ingest (an insert), counted by the next compaction pass, which reads that day's members once.
    expect((await stories.get(story))!.reach).toBe(5);
    await t.app.get(LedgerCompactionJob).tick();
    expect((await stories.get(story))!.reach).toBe(305);
    // The same revision seen again, and later passes, count nothing more.
    await seenAgain();
    await t.app.get(LedgerCompactionJob).tick();
    await t.app.get(LedgerCompactionJob).tick();
    expect((await stories.get(story))!.reach).toBe(305);
  });

  it('stores a story without repeating its first post as its top post, and every reader gives the same story', async () => {
    const stories = t.app.get(StoriesService);
    const pizza = '阿克米新出的榴莲披萨太难吃了，外皮又硬又咸，芝士也少得可怜，花了八十八块钱真是后悔死了，大家别踩雷';
    await ingest([mention({ externalId: 'pizza-1', text: pizza, publishedAt: '2026-11-21T10:00:00Z', engagement: { likes: 2, shares: 0, comments: 0, views: 0 } })]);
    await ingest([mention({ externalId: 'solo-1', text: '阿克米的早餐豆浆今天换了新杯子，拿着不烫手了', publishedAt: '2026-11-21T10:30:00Z' })]);
    const story = (await stories.storyOf('weibo:pizza-1', new Date('2026-11-21T10:00:00Z')))!;
    const solo = (await stories.storyOf('weibo:solo-1', new Date('2026-11-21T10:30:00Z')))!;
    const docs = () => t.connection.db!.collection<{ _id: string; s: string; kind: string; j?: string }>('stories_20261121').find({ s: { $in: [story, solo] } }).toArray();
    const packed = async (id: string, kind: string) => (await docs()).filter((d) => d.s === id && d.kind === kind).map((d) => JSON.parse(d.j!) as Record<string, unknown>);
    // A new story's delta: its one post is first and top, stored once; its id once.
    const [delta, ...more] = await packed(story, 'd');
    expect(more).toEqual([]);
    expect(Object.keys(delta!)).not.toContain('top');
    expect(Object.keys(delta!)).not.toContain('_id');
    expect((await stories.get(story))!).toMatchObject({ _id: story, id: story, first: { mention: 'weibo:pizza-1' }, top: { mention: 'weibo:pizza-1' } });

    // A repost that gets more engagement becomes the top post.
    await ingest([mention({ externalId: 'pizza-2', text: `避雷//@吃货小李:${pizza}`, publishedAt: '2026-11-21T11:00:00Z', engagement: { likes: 400, shares: 20, comments: 9, views: 0 } })]);
    const range = '/api/v1/stories?brand=acme&from=2026-11-21T00:00:00Z&to=2026-11-22T00:00:00Z';
    const listed = (await (await t.request(range, { as: 'viewer' })).json()) as Array<Record<string, unknown>>;
    const unfolded = (await stories.get(story))!;
    expect(unfolded).toMatchObject({ mentions: 2, first: { mention: 'weibo:pizza-1' }, top: { mention: 'weibo:pizza-2' } });
    await t.app.get(LedgerCompactionJob).tick();
    // The summaries: the top post kept where it is another post, left out where it is the first.
    expect(Object.keys((await packed(story, 's'))[0]!)).toContain('top');
    expect(Object.keys((await packed(solo, 's'))[0]!)).not.toContain('top');
    expect(await stories.get(story)).toEqual(unfolded);
    expect((await stories.get(solo))!).toMatchObject({ _id: solo, first: { mention: 'weibo:solo-1' }, top: { mention: 'weibo:solo-1' } });
    expect(await (await t.request(range, { as: 'viewer' })).json()).toEqual(listed);
    expect(listed.find((l) => l._id === solo)).toMatchObject({ first: { mention: 'weibo:solo-1' }, top: { mention: 'weibo:solo-1' } });

    // A story stored whole by an earlier version (its id and both posts in `j`) reads as before.
    const old = { ...unfolded, _id: '20261121:weibo:old-1', id: '20261121:weibo:old-1' };
    await t.connection.db!.collection('stories_20261121').insertOne({ _id: `s|${old.id}|1` as never, s: old.id, brand: 'acme', kind: 's', gen: 1, folded: '[]', j: JSON.stringify(old) });
    expect(await stories.get(old.id)).toEqual(old);
  });

  it('loads the hot window before the first batch when asked at start, so that batch reads no member partition', async () => {
    const dbName = t.config.dbName;
    await t.app.close();
    // A daemon does this in the background at start (onApplicationBootstrap with scheduling); the clock stands at 20 November 08:00.
    t = await startTestApp({ label: 'stories', config: { brands: [acmeBrand], dbName } });
    const stories = t.app.get(StoriesService);
    const mentionsBefore = (await stories.get((await stories.storyOf('weibo:food-1', new Date('2026-11-20T08:00:00Z')))!))!.mentions;
    await stories.warmWindow();
    const repo = t.app.get(StoriesRepository);
    const reads = jest.spyOn(repo, 'membersOf');
    await t.app.get(IngestService).ingest([mention({ externalId: 'food-5', platform: 'weibo', text: `转发 ${ORIGINAL}`, publishedAt: '2026-11-20T09:10:00Z' })]);
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    const food = await stories.storyOf('weibo:food-1', new Date('2026-11-20T08:00:00Z'));
    expect(await stories.storyOf('weibo:food-5', new Date('2026-11-20T09:10:00Z'))).toBe(food);
    expect((await stories.get(food!))!.mentions).toBe(mentionsBefore + 1);
  });
});
