import { storedMentions } from '../support/stored.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { html, startFixtureSite, type FixturePost, type RunningFixtureSite } from '../../src/demo/sites/fixture-site.js';
import { weiboSearchSite } from '../../src/demo/sites/social-sites.js';
import { SourcesService } from '../../src/sources/sources.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { NOW } from './harness.js';

const posts: FixturePost[] = [
  { id: '7001', text: 'Acme 热水壶漏水', author: '甲', handle: '1', publishedAt: new Date('2026-11-23T10:00:00Z'), likes: 1 },
  { id: '7002', text: 'Acme 客服很好', author: '乙', handle: '2', publishedAt: new Date('2026-11-23T11:00:00Z'), likes: 2 },
  { id: '7003', text: 'Acme 新品', author: '丙', handle: '3', publishedAt: new Date('2026-11-23T11:30:00Z'), likes: 3 },
];

function weiboRecipe(origin: string, schedule = '*/10 * * * *'): string {
  return `
name: weibo-local
platform: weibo
schedule: "${schedule}"
timezone: Asia/Shanghai
fetch:
  mode: json
  url: ${origin}/api/container/getIndex?containerid=100103type%3D61%26q%3D{keyword}&page={page}
politeness: { concurrency: 1, minIntervalMs: 0 }
extract:
  items: ["data.cards[*].mblog", "data.cards[*].card_group[*].mblog"]
  expect: ok
  fields: { id: id, text: { path: text, html: true }, author: user.screen_name, time: created_at, likes: attitudes_count }
pagination: { type: page, start: 1 }
`;
}

const walledRecipe = (origin: string) => `
name: shop-walled
platform: shop
schedule: "*/10 * * * *"
brands: [acme]
fetch: { mode: http, url: "${origin}/reviews", retries: 0 }
politeness: { concurrency: 1, minIntervalMs: 0 }
extract:
  items: .review
  fields: { id: "@data-id", text: p }
  blocked:
    - { selector: "form#login", reason: "login wall: export fresh cookies" }
`;

async function scrapersDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gh-scrapers-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const brands = [{ id: 'acme', name: 'Acme', keywords: ['Acme'] }];

describe('SourcesService in the daemon', () => {
  let site: RunningFixtureSite;
  let app: TestApp;

  beforeAll(async () => {
    site = await startFixtureSite([
      ...weiboSearchSite(posts, { now: NOW, pageSize: 2 }),
      { path: '/reviews', respond: () => html('<html><body><form id="login"></form></body></html>') },
    ]);
    const dir = await scrapersDir({
      'weibo-local.yaml': weiboRecipe(site.origin),
      'shop-walled.yaml': walledRecipe(site.origin),
      'typo.yaml': 'name: typo\nplatform: x\nschedul: "* * * * *"\n',
    });
    app = await startTestApp({ label: 'sources-api', clock: new ManualClock(NOW), config: { scrapersDir: dir, brands } as never });
  });

  afterAll(async () => {
    await app?.close();
    await site?.close();
  });

  it('ingests a run, keeps a broken source degraded without stopping the others, and never duplicates on re-scrape', async () => {
    const sources = app.app.get(SourcesService);
    await sources.runAll();
    posts[0]!.likes = 50;
    await sources.runAll();

    expect(await storedMentions(app.connection, { platform: 'weibo' })).toHaveLength(3);
    const res = await app.request('/api/v1/sources', { as: 'viewer' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sources: Array<{ name: string; state: Record<string, unknown>; lastRun: Record<string, unknown> }> };
    const byName = Object.fromEntries(body.sources.map((s) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual(['shop-walled', 'weibo-local']);
    expect(byName['weibo-local']!.state).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
    expect(byName['weibo-local']!.lastRun).toMatchObject({ outcome: 'ok', pages: 3, seen: 3, new: 0, updated: 1, unchanged: 2, broken: 0 });
    expect(byName['shop-walled']!.state).toMatchObject({ status: 'degraded', reason: 'feed: login wall: export fresh cookies', consecutiveFailures: 1 });
    expect(byName['shop-walled']!.lastRun).toMatchObject({ outcome: 'skipped' });
  });

  it('records the first run of each source with its counts', async () => {
    const runs = await app.connection.collection('source_runs').find({}, { sort: { startedAt: 1, _id: 1 } }).toArray();
    const weibo = runs.filter((r) => r.source === 'weibo-local');
    expect(weibo[0]).toMatchObject({ outcome: 'ok', new: 3, updated: 0, seen: 3, pages: 3 });
    const walled = runs.filter((r) => r.source === 'shop-walled');
    expect(walled.map((r) => r.outcome)).toEqual(['degraded', 'skipped']);
    expect(walled[1]!.problems[0]).toMatch(/^circuit open until 2026-11-23T12:35:00.000Z: feed: login wall/);
  });

  it('exposes run counters on /metrics', async () => {
    const text = await (await app.request('/metrics', { as: 'viewer' })).text();
    expect(text).toContain('goldenhour_source_runs_total{source="weibo-local",outcome="ok"} 2');
    expect(text).toContain('goldenhour_source_items_total{source="weibo-local",kind="new"} 3');
    expect(text).toContain('goldenhour_source_degraded{source="shop-walled"} 1');
  });

  it('runs a source once when two runs start together (the second finds the lease taken)', async () => {
    const sources = app.app.get(SourcesService);
    const runs = await Promise.all([sources.run('weibo-local'), sources.run('weibo-local')]);
    expect(runs.map((r) => r.outcome).sort()).toEqual(['ok', 'skipped']);
    expect(runs.find((r) => r.outcome === 'skipped')!.problems).toEqual(['another run of this source is still going']);
    expect(await app.connection.collection('source_states').findOne({ _id: 'weibo-local' as never })).not.toHaveProperty('leaseUntil');
  });

  it('lets an admin force a run of a paused source, and refuses viewers', async () => {
    expect((await app.request('/api/v1/sources/shop-walled/run', { method: 'POST', as: 'viewer' })).status).toBe(403);
    const res = await app.request('/api/v1/sources/shop-walled/run', { method: 'POST', as: 'admin' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ source: 'shop-walled', outcome: 'degraded' });
  });
});

describe('SourcesScheduler', () => {
  it('runs each enabled recipe on its cron schedule', async () => {
    const site = await startFixtureSite(weiboSearchSite(posts, { now: NOW, pageSize: 10 }));
    const dir = await scrapersDir({ 'weibo-local.yaml': weiboRecipe(site.origin, '* * * * * *') });
    const app = await startTestApp({ label: 'sources-cron', clock: new ManualClock(NOW), config: { scrapersDir: dir, brands } as never, scheduling: true });
    try {
      let runs = 0;
      for (let i = 0; i < 50 && runs === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        runs = await app.connection.collection('source_runs').countDocuments({ source: 'weibo-local', outcome: 'ok' });
      }
      expect(runs).toBeGreaterThanOrEqual(1);
    } finally {
      await app.close();
      await site.close();
    }
  });
});
