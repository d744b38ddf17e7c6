import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StoryGrowth } from '../../src/detection/story-growth.js';
import { ViralPosts } from '../../src/detection/viral-posts.js';
import { IngestService } from '../../src/mentions/ingest.service.js';
import { MentionsService } from '../../src/mentions/mentions.service.js';
import { StoriesService } from '../../src/stories/stories.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const boltBrand = { ...acmeBrand, id: 'bolt', name: 'Bolt Coffee', names: { en: 'Bolt Coffee', zh: '博尔特' }, aliases: ['bolt'], keywords: ['bolt', '博尔特'], competitors: [] };
const T0 = Date.parse('2026-11-20T08:00:00Z');
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();

/** Two brands' last hours: chatter, a complaint reposted widely (a story that grows) and a post whose reposts soar (viral). */
function burst(brand: string, zh: string): Record<string, unknown>[] {
  const complaint = `${zh}外卖吃出了头发，客服还说是我自己的，太气人了！订单截图在这里，大家评评理`;
  return [
    ...Array.from({ length: 16 }, (_, i) => mention({ brand, externalId: `${brand}-calm-${i}`, platform: i % 2 ? 'xiaohongshu' : 'weibo', text: `今天又点了${zh}的午餐，味道不错 #${i}`, publishedAt: at(i * 7), observedAt: at(i * 7 + 1), engagement: { likes: 3, shares: 0, comments: 1, views: 50 } })),
    mention({ brand, externalId: `${brand}-viral`, text: `${zh}新品上市 #viral`, publishedAt: at(95), observedAt: at(100), engagement: { likes: 5, shares: 10, comments: 0, views: 100 } }),
    mention({ brand, externalId: `${brand}-hair`, text: complaint, publishedAt: at(121), observedAt: at(122), engagement: { likes: 300, shares: 120, comments: 80, views: 9000 } }),
    ...Array.from({ length: 20 }, (_, i) => mention({ brand, externalId: `${brand}-rt-${i}`, platform: i % 3 ? 'weibo' : 'douyin', text: `转发//@小李:${complaint}`, publishedAt: at(122 + i), observedAt: at(123 + i), engagement: { likes: 150, shares: 40, comments: 30, views: 4000 } })),
    mention({ brand, externalId: `${brand}-viral`, text: `${zh}新品上市 #viral`, publishedAt: at(95), observedAt: at(150), engagement: { likes: 50, shares: 900, comments: 100, views: 5000 } }),
  ];
}

describe('a detection pass reads each journal hour and story day once for all brands', () => {
  let t: TestApp;
  const now = new Date(T0 + 155 * MIN);

  beforeAll(async () => {
    t = await startTestApp({ label: 'pass-reads', config: { brands: [acmeBrand, boltBrand] } });
    const ingest = t.app.get(IngestService);
    for (const [brand, zh] of [['acme', '阿克米'], ['bolt', '博尔特']] as const) {
      for (const m of burst(brand, zh)) await ingest.ingest([m], { source: 'test' });
    }
  }, 180_000);
  afterAll(async () => t.close());

  it('gives every brand the same viral posts, growing stories, top mentions and stories behind as reading its own', async () => {
    const mentions = t.app.get(MentionsService);
    const stories = t.app.get(StoriesService);
    const journal = mentions.journalPass();
    const storyPass = stories.storyPass();
    const from = new Date(T0);
    for (const brand of ['acme', 'bolt']) {
      const viral = await t.app.get(ViralPosts).readings(brand, now);
      expect(viral.filter((s) => s.readings[0]!.elevated).map((s) => s.scope)).toEqual([{ mentionKey: `weibo:${brand}-viral` }]);
      expect(await t.app.get(ViralPosts).readings(brand, now, journal)).toEqual(viral);

      const growing = await t.app.get(StoryGrowth).readings(brand, now);
      expect(growing.some((s) => s.readings[0]!.elevated && s.readings[0]!.evidence.stories![0]!.mentions === 21)).toBe(true);
      expect(await t.app.get(StoryGrowth).readings(brand, now, storyPass)).toEqual(growing);

      for (const polarity of [undefined, 'negative'] as const) {
        const top = await mentions.top({ brand, from, to: now, polarity, limit: 3 });
        expect(top).toHaveLength(3);
        expect(top.every((m) => m.brand === brand)).toBe(true);
        expect(await mentions.top({ brand, from, to: now, polarity, limit: 3 }, journal)).toEqual(top);
      }
      const behind = await stories.behind({ brand, negative: true, from, to: now, limit: 3 });
      expect(behind[0]).toMatchObject({ mentions: 21 });
      expect(await stories.behind({ brand, negative: true, from, to: now, limit: 3 }, storyPass)).toEqual(behind);
      // The pass folds only stories with a mention from the hour of `from` on: the calm ones (before 09:00) are left out.
      for (const since of [70, 100, 121, 140]) {
        const q = { brand, from: new Date(T0 + since * MIN), to: now, limit: 3 };
        expect(await stories.behind(q, storyPass)).toEqual(await stories.behind(q));
        expect(await stories.list({ ...q, limit: 50 }, storyPass)).toEqual(await stories.list({ ...q, limit: 50 }));
      }
    }
  }, 300_000);

  it('reads nothing it kept in an earlier pass: a mention ingested after a pass is in the next pass', async () => {
    const mentions = t.app.get(MentionsService);
    const before = mentions.journalPass();
    const seen = await mentions.snapshotsSince(new Date(T0), now, 'acme', before);
    await t.app.get(IngestService).ingest([mention({ externalId: 'acme-late', text: '阿克米 late post', publishedAt: at(140), observedAt: at(141) })], { source: 'test' });
    // The same pass keeps what it read; a new pass reads the hour again.
    expect(await mentions.snapshotsSince(new Date(T0), now, 'acme', before)).toEqual(seen);
    const next = await mentions.snapshotsSince(new Date(T0), now, 'acme', mentions.journalPass());
    expect(next.map((s) => s.mention)).toContain('weibo:acme-late');
    expect(next).toEqual(await mentions.snapshotsSince(new Date(T0), now, 'acme'));
  }, 120_000);
});
