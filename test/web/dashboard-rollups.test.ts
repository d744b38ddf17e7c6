import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DashboardRefreshJob } from '../../src/dashboards/dashboard-refresh.job.js';
import { BucketsService } from '../../src/mentions/buckets.service.js';
import { IngestService } from '../../src/mentions/ingest.service.js';
import { ReanalyzeService } from '../../src/mentions/reanalyze.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { NOW, webConfig } from './support.js';

interface Body {
  totals: { total: number; negative: number };
  platforms: { platform: string; total: number }[];
  negativeTopics: { topic: string; negative: number }[];
  negativeMentions: { externalId: string; engagement: number; text: string }[];
}

const HOUR = 3_600_000;
const post = (externalId: string, text: string, minutesAgo: number, over: Record<string, unknown> = {}) => ({
  brand: 'acme', platform: externalId.startsWith('j') ? 'jd' : 'weibo', externalId, text,
  publishedAt: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString(), engagement: { likes: 5, shares: 1, comments: 0, views: 0 }, ...over,
});

describe('dashboard rollups and negative highlights', () => {
  const clock = new ManualClock(NOW);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ label: 'web-rollups', clock, config: { ...webConfig, dashboard: { cacheSeconds: 60 } } });
  });
  afterAll(() => t?.close());

  const ingest = (items: object[]) => t.app.get(IngestService).ingest(items, { source: 'test/rollups' });
  const dashboard = async (query = 'period=7d&tz=UTC') => (await (await t.request(`/api/v1/dashboard?brand=acme&${query}`)).json()) as Body;
  // A custom range is never served from a snapshot: it shows what is stored now.
  const fresh = () => dashboard(`from=${new Date(NOW.getTime() - 3 * 86_400_000).toISOString()}&to=${NOW.toISOString()}&tz=UTC`);

  it('keeps the hour and day rollups equal to the 5-minute buckets through inserts, updates and re-sends', async () => {
    const items = [];
    for (let i = 0; i < 60; i++) items.push(post(`w${i}`, i % 3 ? 'Acme lunch was great, fast delivery' : 'Acme delivery was late and the soup cold, terrible', 30 + i * 61));
    await ingest(items);
    await ingest(items.slice(0, 20).map((m, i) => ({ ...m, text: i % 2 ? 'Acme refund refused, awful service, never again' : m.text, engagement: { likes: 50, shares: 9, comments: 2, views: 0 } })));
    await ingest(items.slice(20, 30));
    const from = new Date(NOW.getTime() - 3 * 86_400_000);
    const buckets = await t.app.get(BucketsService).series({ brand: 'acme', from, to: NOW });
    const sum = (k: 'total' | 'negative' | 'likes') => buckets.reduce((s, p) => s + p[k], 0);
    for (const fineSlots of [true, false]) {
      const rollups = (await t.app.get(BucketsService).rollupSums({ brands: ['acme'], from, to: NOW, fineSlots })).get('acme')!;
      expect([rollups.total.total, rollups.total.negative, rollups.total.likes]).toEqual([sum('total'), sum('negative'), sum('likes')]);
      expect(rollups.points.reduce((s, p) => s + p.negative, 0)).toBe(sum('negative'));
    }
    const d = await fresh();
    expect(d.totals.total).toBe(60);
    expect(d.platforms).toEqual([expect.objectContaining({ platform: 'weibo', total: 60 })]);
    expect(d.negativeTopics.length).toBeGreaterThan(0);
  });

  it('lists a negative mention with its latest engagement and drops it once it is no longer negative', async () => {
    await ingest([post('j1', 'Acme kettle leaked and burned my hand, dangerous', 20, { engagement: { likes: 70, shares: 0, comments: 0, views: 0 } })]);
    expect((await fresh()).negativeMentions.find((m) => m.externalId === 'j1')?.engagement).toBe(70);
    await ingest([post('j1', 'Acme kettle leaked and burned my hand, dangerous', 20, { engagement: { likes: 900, shares: 300, comments: 40, views: 0 } })]);
    expect((await fresh()).negativeMentions[0]).toMatchObject({ externalId: 'j1', engagement: 1240 });
    await ingest([post('j1', 'Acme replaced the kettle at once, great service, thank you', 20, { engagement: { likes: 900, shares: 300, comments: 40, views: 0 } })]);
    expect((await fresh()).negativeMentions.map((m) => m.externalId)).not.toContain('j1');
  });

  it('rebuilds rollups and highlights of whole days from the mentions, to the same counts', async () => {
    const before = await fresh();
    const r = await t.app.get(ReanalyzeService).run({ since: new Date(NOW.getTime() - 2 * 86_400_000 + 5 * HOUR), rebuild: true });
    expect(r.rebuilt).toBe(true);
    const after = await fresh();
    expect(after.totals).toEqual(before.totals);
    expect(after.negativeTopics).toEqual(before.negativeTopics);
    expect(after.negativeMentions).toEqual(before.negativeMentions);
  });

  it('serves a 24 h preset from its snapshot for cacheSeconds, then the old one while a fresh one is computed', async () => {
    const day = () => dashboard('period=24h&tz=UTC');
    const first = await day();
    await ingest([post('late-1', 'Acme noodles were fine', 10)]);
    expect((await day()).totals.total).toBe(first.totals.total);
    clock.advance(61_000);
    expect((await day()).totals.total).toBe(first.totals.total);
    let total = first.totals.total;
    for (let i = 0; i < 50 && total === first.totals.total; i++) {
      await new Promise((r) => setTimeout(r, 100));
      total = (await day()).totals.total;
    }
    expect(total).toBe(first.totals.total + 1);
  });

  it('keeps asked-for presets warm: after a scheduled refresh the next request gets the fresh panels at once', async () => {
    const day = () => dashboard('period=24h&tz=UTC');
    const first = await day();
    await ingest([post('late-2', 'Acme noodles were fine again', 5)]);
    clock.advance(50_000);
    await t.app.get(DashboardRefreshJob).tick();
    expect((await day()).totals.total).toBe(first.totals.total + 1);
  });
});
