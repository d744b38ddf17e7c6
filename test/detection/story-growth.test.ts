import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DetectionService } from '../../src/detection/detection.service.js';
import { IngestService } from '../../src/mentions/ingest.service.js';
import type { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const COMPLAINT = '阿克米外卖吃出了头发，客服还说是我自己的，太气人了！订单截图在这里，大家评评理';
const ORDINARY = ['Acme lunch box was fine today, fast delivery', '今天又点了阿克米的午餐，味道不错', 'Tried the new Acme noodles, decent value'];
const T0 = Date.parse('2026-11-20T08:00:00Z');
const MIN = 60_000;

describe('a story that spreads fast is a signal of its own', () => {
  let t: TestApp;
  let clock: ManualClock;
  const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();

  beforeAll(async () => {
    t = await startTestApp({ label: 'story-growth', config: { brands: [acmeBrand] } });
    clock = t.clock as ManualClock;
    // Two hours of ordinary chatter, each post its own small story.
    await t.app.get(IngestService).ingest(Array.from({ length: 24 }, (_, i) => mention({
      externalId: `calm-${i}`, platform: i % 2 ? 'xiaohongshu' : 'weibo', text: `${ORDINARY[i % 3]} #${i}`, publishedAt: at(i * 5), engagement: { likes: 3, shares: 0, comments: 1, views: 50 },
    })), { source: 'test' });
  }, 120_000);
  afterAll(async () => t.close());

  it('opens a story_growth signal carrying the story when a complaint is reposted widely within the hour, not before', async () => {
    clock.set(T0 + 120 * MIN);
    expect((await t.app.get(DetectionService).runDetection(clock.now())).filter((s) => s.kind === 'story_growth')).toEqual([]);

    // The complaint, then 30 reposts quoting it on weibo and douyin over the next 40 minutes, each drawing hundreds of reactions.
    await t.app.get(IngestService).ingest([
      mention({ externalId: 'hair-1', url: 'https://weibo.example/hair-1', text: COMPLAINT, author: { name: '小李' }, publishedAt: at(121), engagement: { likes: 300, shares: 120, comments: 80, views: 9000 } }),
      ...Array.from({ length: 30 }, (_, i) => mention({
        externalId: `rt-${i}`, platform: i % 3 ? 'weibo' : 'douyin', text: `转发//@小李:${COMPLAINT}`, publishedAt: at(122 + i), engagement: { likes: 150, shares: 40, comments: 30, views: 4000 },
      })),
    ], { source: 'test' });
    clock.set(T0 + 155 * MIN);
    const [signal, ...others] = (await t.app.get(DetectionService).runDetection(clock.now())).filter((s) => s.kind === 'story_growth');
    expect(others).toEqual([]);
    expect(signal).toMatchObject({ status: 'open', scope: { story: expect.any(String) } });
    expect(signal!.evidence.growthPerHour).toBe(31);
    expect(signal!.evidence.stories).toEqual([expect.objectContaining({ mentions: 31, platforms: ['weibo', 'douyin'], first: expect.objectContaining({ url: 'https://weibo.example/hair-1', text: COMPLAINT }) })]);

    const listed = (await (await t.request('/api/v1/signals?brand=acme&kind=story_growth', { as: 'viewer' })).json()) as { key: string }[];
    expect(listed.map((s) => s.key)).toEqual([signal!.key]);
  }, 300_000);
});
