import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StoryGrowth } from '../../src/detection/story-growth.js';
import { IngestService } from '../../src/mentions/ingest.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { RetentionCutoffs } from '../../src/core/privacy/retention.js';
import { FRESH } from '../../src/stories/late-stories.js';
import { StoriesPersonalData } from '../../src/stories/stories.personal-data.js';
import { StoriesRepository } from '../../src/stories/stories.repository.js';
import { StoriesService } from '../../src/stories/stories.service.js';
import { StoryPass } from '../../src/stories/story-pass.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const T0 = Date.parse('2026-11-20T08:00:00Z');
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
const COMPLAINT = '阿克米外卖吃出了头发，客服还说是我自己的，太气人了！订单截图在这里，大家评评理';
const SLEEPER = '阿克米人民路新店装修很有特色，咖啡也不错，周末去打卡拍照的人特别多';
const NEWCOMER = '阿克米外卖包装破了，汤洒了一地，骑手还催我给好评，再也不点了';
const post = (id: string, text: string, minute: number, likes = 5) =>
  mention({ externalId: id, text, publishedAt: at(minute), observedAt: at(minute + 1), engagement: { likes, shares: 2, comments: 1, views: 100 } });

/**
 * The detection pass's story reads from the late copies (each story's latest summary by the hour of its last
 * mention) and the fresh deltas: the same stories as the day partitions give, whatever the fold has done.
 */
describe('story copies for the detection pass, against the real database', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-20T11:30:00Z');
  const db = () => t.connection.db!;
  const stories = () => t.app.get(StoriesService);
  const ingest = async (app: TestApp, ms: Record<string, unknown>[]) => {
    for (const m of ms) await app.app.get(IngestService).ingest([m], { source: 'test' });
  };

  /** A pass over `app`'s database that records which day partitions and stories' documents it read. */
  function tracked(app: TestApp = t) {
    const repo = app.app.get(StoriesRepository);
    const days: string[] = [];
    const partitions: string[] = [];
    const pass = new StoryPass({
      day: (d) => (days.push(d), repo.dayStories(d)),
      copiedDays: () => repo.late.copiedDays(),
      hours: () => repo.late.hourNames(),
      fresh: () => repo.late.fresh(),
      hour: (n) => repo.late.hour(n),
      storyDocs: (id) => (partitions.push(id), repo.storyDocs(id)),
    });
    return { pass, days, partitions };
  }

  /** The pass's answers (from the copies: the stories' day partition not read) equal the day partitions' for ranges from each minute. */
  async function same(minutes: readonly number[], app: TestApp = t): Promise<string[]> {
    const partitions: string[] = [];
    for (const m of minutes) {
      const q = { brand: 'acme', from: new Date(T0 + m * MIN), to: clock.now(), limit: 50 };
      const read = tracked(app);
      const listed = await stories().list(q);
      expect(await app.app.get(StoriesService).list(q, read.pass)).toEqual(listed);
      for (const negative of [undefined, true]) expect(await app.app.get(StoriesService).behind({ ...q, negative, limit: 10 }, read.pass)).toEqual(await stories().behind({ ...q, negative, limit: 10 }));
      expect(await app.app.get(StoryGrowth).readings('acme', clock.now(), read.pass)).toEqual(await t.app.get(StoryGrowth).readings('acme', clock.now()));
      // The day of the stories is read from the copies (the others, empty partitions, whole).
      expect(read.days).not.toContain('20261120');
      partitions.push(...read.partitions);
    }
    return partitions;
  }

  const copiesOf = async (text: string) => {
    const names = (await db().listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => /^stories_(late_|fresh)/.test(n));
    let n = 0;
    for (const name of names) n += (await db().collection(name).find({}).toArray()).filter((d) => String(d.j).includes(text)).length;
    return n;
  };

  beforeAll(async () => {
    t = await startTestApp({ label: 'late-stories', clock, config: { brands: [acmeBrand] } });
    await ingest(t, [
      ...Array.from({ length: 4 }, (_, i) => post(`calm-${i}`, `今天又点了阿克米的午餐，味道不错，第${i}次了`, i * 9)),
      post('hair', COMPLAINT, 20, 300),
      post('hair-rt-1', `转发//@小李:${COMPLAINT}`, 25),
      post('sleeper', SLEEPER, 10),
      post('sleeper-rt-1', `转发//@小王:${SLEEPER}`, 15),
    ]);
    await stories().compact();
  }, 180_000);
  afterAll(async () => t.close());

  it('reads the folded stories from their copies, and the stories added since from the fresh deltas', async () => {
    expect(await db().collection(FRESH).countDocuments()).toBe(0);
    expect((await stories().list({ brand: 'acme', from: new Date(T0), to: clock.now(), limit: 50 })).length).toBeGreaterThan(2);
    await same([0, 60, 120]);

    // A story crossing an hour (reposts at 09:10), one that wakes up at 10:30 after two quiet hours, a new one at 10:40.
    await ingest(t, [post('hair-rt-2', `转发//@小张:${COMPLAINT}`, 70), post('hair-rt-3', `转发//@小赵:${COMPLAINT}`, 75), post('sleeper-rt-2', `转发//@小周:${SLEEPER}`, 150), post('new', NEWCOMER, 160)]);
    expect(await db().collection(FRESH).countDocuments()).toBeGreaterThan(0);
    // From 10:00 the woken story's summary (08:xx) is found in an older hour, not in its day partition; the new one has none to find.
    expect(await same([0, 60, 120, 150])).toEqual([]);
  }, 300_000);

  it('gives the same stories while a fold runs, and moves a story\'s copy to the hour of its last mention', async () => {
    for (const [i, minute] of [170, 172, 174].entries()) {
      await ingest(t, [post(`hair-rt-${4 + i}`, `转发//@路人${i}:${COMPLAINT}`, minute)]);
      const q = { brand: 'acme', from: new Date(T0 + 60 * MIN), to: clock.now(), limit: 50 };
      const expected = await stories().list(q);
      const behind = await stories().behind({ ...q, limit: 10 });
      const read = tracked();
      const [listed, folded, behindRead] = await Promise.all([stories().list(q, read.pass), stories().compact(), stories().behind({ ...q, limit: 10 }, read.pass)]);
      expect(listed).toEqual(expected);
      expect(behindRead).toEqual(behind);
      expect(folded).toBe(1);
      expect(await stories().behind({ ...q, limit: 10 }, tracked().pass)).toEqual(behind);
    }
    expect(await db().collection(FRESH).countDocuments()).toBe(0);
    // Each story's latest summary is copied once: the complaint's in 10:00 (its 10:54 repost), none left in 08:00.
    const late = (await db().listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => n.startsWith('stories_late_')).sort();
    expect(late).toEqual(['stories_late_20261120_08', 'stories_late_20261120_10']);
    const at10 = (await db().collection('stories_late_20261120_10').find({}).toArray()).map((d) => d.s as string);
    expect(at10.filter((s) => s.endsWith(':weibo:hair'))).toHaveLength(1);
    expect((await db().collection('stories_late_20261120_08').find({}).toArray()).some((d) => String(d.s).endsWith(':weibo:hair'))).toBe(false);
    await same([0, 60, 120, 150]);
  }, 300_000);

  it('stays exact with two daemons on one database: one ingests and folds, the other reads', async () => {
    const other = await startTestApp({ label: 'late-stories-b', clock, config: { brands: [acmeBrand], dbName: t.config.dbName }, dropOnClose: false });
    try {
      await ingest(other, [post('hair-rt-9', `转发//@小吴:${COMPLAINT}`, 176), post('sleeper-rt-3', `转发//@小郑:${SLEEPER}`, 177)]);
      await same([60, 150]);
      await other.app.get(StoriesService).compact();
      await same([60, 150]);
      await same([60, 150], other);
    } finally {
      await other.close();
    }
  }, 300_000);

  it('migrate copies the days that have no copies; erasure and retention reach the copies', async () => {
    for (const name of (await db().listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)) if (/^stories_(late_|copied)/.test(name)) await db().dropCollection(name);
    await ingest(t, [post('hair-rt-10', `转发//@小钱:${COMPLAINT}`, 178)]);
    // Without copies the pass reads the day partitions.
    const read = tracked();
    await stories().list({ brand: 'acme', from: new Date(T0), to: clock.now(), limit: 50 }, read.pass);
    expect(read.days).toContain('20261120');
    expect(await stories().copyMissingDays(clock.now())).toBeGreaterThan(0);
    expect(await stories().copyMissingDays(clock.now())).toBe(0);
    await same([0, 60, 150]);

    await ingest(t, [post('sleeper-rt-4', `转发//@小孙:${SLEEPER}`, 179)]);
    expect(await copiesOf(SLEEPER)).toBeGreaterThan(0);
    await t.app.get(StoriesPersonalData).erase({ mentions: [], hashes: [], names: [], needles: [SLEEPER] });
    expect(await copiesOf(SLEEPER)).toBe(0);

    expect(await copiesOf(COMPLAINT)).toBeGreaterThan(0);
    await t.app.get(StoriesPersonalData).purge({ mentionDay: '20261121' } as RetentionCutoffs, 100, async () => {});
    expect(await copiesOf(COMPLAINT)).toBe(0);
  }, 300_000);

  it('keeps a fresh delta no fold has copied, and drops those of days older than the copies once the day turns', async () => {
    const repo = t.app.get(StoriesRepository);
    // Deltas left in stories_fresh (as by a batch whose fresh insert landed after a fold read the collection).
    const stale = { _id: 'd|20261110:left|1', s: '20261110:left', brand: 'acme', kind: 'd', r: 3 };
    const recent = { _id: 'd|20261120:left|1', s: '20261120:left', brand: 'acme', kind: 'd', r: 3 };
    await db().collection(FRESH).insertMany([stale, recent] as never[]);
    await repo.compact(clock.now().getTime());
    expect(await db().collection(FRESH).countDocuments({ _id: { $in: [stale._id, recent._id] } } as never)).toBe(2);
    await repo.compact(clock.now().getTime() + 24 * 60 * MIN);
    expect((await db().collection(FRESH).find({}).toArray()).map((d) => d._id)).toContain(recent._id);
    expect(await db().collection(FRESH).findOne({ _id: stale._id } as never)).toBeNull();
  }, 120_000);
});
