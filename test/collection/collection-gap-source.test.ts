import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dailyCycleCounts } from '../../src/core/detection/test-series.js';
import type { BucketDeltas } from '../../src/core/mention/contribution.js';
import { DetectionService } from '../../src/detection/detection.service.js';
import { startFixtureSite, type FixturePost, type FixtureRoute, type RunningFixtureSite } from '../../src/demo/sites/fixture-site.js';
import { jdCommentsSite } from '../../src/demo/sites/marketplace-sites.js';
import { BucketsRepository } from '../../src/mentions/buckets.repository.js';
import { ManualClock } from '../../src/platform/clock.js';
import { SourcesService } from '../../src/sources/sources.service.js';
import { startTestApp, type TestApp } from '../support/app.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-11-20T08:00:00Z');
const PRODUCT = '100012043978';
/** What the listing shows: the product's comments of the last hours, newest first. */
const LISTED_MS = 8 * HOUR;

/** The jd-comments preset pointed at the fixture site, run every 15 minutes. */
const recipe = (origin: string) => `
name: jd-acme
platform: jd
schedule: "*/15 * * * *"
timezone: Asia/Shanghai
lang: zh
products:
  - { id: "${PRODUCT}", brand: acme }
fetch:
  mode: json
  url: ${origin}/comment/productPageComments.action?callback=fetchJSON_comment98&productId={productId}&score=0&sortType=6&page={page}&pageSize=50
politeness: { concurrency: 1, minIntervalMs: 0 }
extract:
  items: comments
  expect: productCommentSummary
  fields: { id: id, text: content, author: nickname, time: creationTime, rating: score, likes: usefulVoteCount }
pagination: { type: page, start: 0 }
limits: { pages: 20, items: 1000, seconds: 120 }
`;

/** ~5 % one-star reviews, the rest five stars; `negative` makes every one of them a complaint. */
function review(n: number, publishedAt: number, complaint?: boolean): FixturePost {
  const negative = complaint ?? n % 20 === 0;
  return negative
    ? { id: String(100_000 + n), text: 'Acme 电热水壶漏水了，差评', author: `j***${n}`, rating: 1, publishedAt: new Date(publishedAt) }
    : { id: String(100_000 + n), text: 'Acme 电热水壶烧水很快', author: `j***${n}`, rating: 5, publishedAt: new Date(publishedAt) };
}

/** The jd buckets of the ten days before the source was set up, as ingest would have counted them. */
function history(points: { start: number; count: number }[]): BucketDeltas {
  const d: BucketDeltas = { buckets: new Map(), topics: new Map() };
  for (const p of points) {
    const negative = Math.round(p.count * 0.05);
    d.buckets.set(`acme|jd|${p.start}`, { brand: 'acme', platform: 'jd', start: p.start, inc: { total: p.count, negative, neutral: 0, positive: p.count - negative, crisis: 0, likes: 0, shares: 0, comments: 0, views: 0 } });
  }
  return d;
}

describe('a real JD source that goes silent for six hours, returns its backlog, then carries a real surge', () => {
  let t: TestApp;
  let site: RunningFixtureSite;
  const clock = new ManualClock(T0 - 3 * HOUR);
  const posts: FixturePost[] = [];
  let silent = false;
  let published = 0;
  const opened: { kind: string; hour: number }[] = [];
  const series = dailyCycleCounts({ mean: 2, days: 11, seed: 23, start: T0 - 10 * 86_400_000 });

  /** Publishes the reviews of the buckets that ended by `at` (plus `surge` one-star reviews a bucket), as the platform would. */
  let publishedUntil = T0 - 3 * HOUR;
  const publish = (at: number, surge = 0) => {
    for (const p of series.filter((x) => x.start >= publishedUntil && x.start + 5 * MIN <= at)) {
      for (let k = 0; k < p.count + surge; k++) posts.unshift(review(published++, p.start + k * 1000, k >= p.count || undefined));
    }
    publishedUntil = Math.max(publishedUntil, at);
    while (posts.length && posts[posts.length - 1]!.publishedAt.getTime() < at - LISTED_MS) posts.pop();
  };
  const step = async (at: number, surge = 0) => {
    clock.set(at);
    publish(at, surge);
    await t.app.get(SourcesService).run('jd-acme');
    for (const s of await t.app.get(DetectionService).runDetection(new Date(at))) {
      if (s.status === 'open' && s.startedAt.getTime() === s.lastSeenAt.getTime()) opened.push({ kind: s.kind, hour: (at - T0) / HOUR });
    }
  };

  beforeAll(async () => {
    const live = jdCommentsSite(PRODUCT, posts, { pageSize: 50 });
    const none = jdCommentsSite(PRODUCT, [], { pageSize: 50 });
    const routes: FixtureRoute[] = live.map((r, i) => ({ path: r.path, respond: (...a) => (silent ? none[i]! : r).respond(...a) }));
    site = await startFixtureSite(routes);
    const dir = await mkdtemp(join(tmpdir(), 'gh-gap-scrapers-'));
    await writeFile(join(dir, 'jd-acme.yaml'), recipe(site.origin));
    t = await startTestApp({ label: 'gap-source', clock, config: { scrapersDir: dir, brands: [{ id: 'acme', name: 'Acme', keywords: ['Acme'] }] } as never });
    const before = series.filter((p) => p.start < T0 - 3 * HOUR);
    for (let i = 0; i < before.length; i += 500) await t.app.get(BucketsRepository).apply(history(before.slice(i, i + 500)));
    // Three hours of ordinary runs every 15 minutes: the source learns its usual yield and schedule.
    for (let at = T0 - 3 * HOUR + 15 * MIN; at <= T0; at += 15 * MIN) await step(at);
  }, 600_000);
  afterAll(async () => {
    await t?.close();
    await site?.close();
  });

  it('opens one collection gap while the site answers empty, no surge when the backlog returns, and closes the gap', async () => {
    silent = true;
    for (let at = T0 + 15 * MIN; at <= T0 + 6 * HOUR; at += 15 * MIN) await step(at);
    expect(opened).toEqual([{ kind: 'collection_gap', hour: 1.25 }]);
    const health = (await (await t.request('/api/v1/collection/health', { as: 'viewer' })).json()) as { sources: Record<string, unknown>[]; brandPlatforms: Record<string, unknown>[] };
    expect(health.sources).toMatchObject([{ source: 'jd-acme', platform: 'jd', brands: ['acme'], status: 'gap', lastYield: 0, degradedReason: expect.stringMatching(/^yielded 0 items, usually \d+/) }]);
    // Per brand × platform: what the runs usually brought acme on JD (≈ 2 reviews per 5 minutes ≈ 24 an hour), and none lately.
    expect(health.brandPlatforms).toMatchObject([{ brand: 'acme', platform: 'jd', sources: ['jd-acme'], status: 'gap', lastPerHour: 0 }]);
    expect(health.brandPlatforms[0]!.expectedPerHour).toBeGreaterThan(10);

    silent = false;
    for (let at = T0 + 6 * HOUR + 15 * MIN; at <= T0 + 7 * HOUR; at += 15 * MIN) await step(at);
    expect(opened).toEqual([{ kind: 'collection_gap', hour: 1.25 }]);
    const [gap] = ((await (await t.request('/api/v1/collection/gaps?brand=acme', { as: 'viewer' })).json()) as { gaps: { since: string; until?: string }[] }).gaps;
    expect(gap).toMatchObject({ until: new Date(T0 + 6 * HOUR + 15 * MIN).toISOString() });

    // The dashboard marks the blind hours in its CSV export.
    const csv = (await (await t.request('/api/v1/dashboard.csv?brand=acme&period=24h&tz=UTC', { as: 'viewer' })).text()).trim().split('\r\n');
    const marked = csv.slice(1).filter((l) => l.endsWith(',jd')).map((l) => l.split(',')[1]);
    expect(marked[0]).toBe(new Date(Date.parse(gap!.since) - (Date.parse(gap!.since) % HOUR)).toISOString());
    expect(marked).toContain(new Date(T0 + 3 * HOUR).toISOString());
    expect(marked).not.toContain(new Date(T0 + 7 * HOUR).toISOString());
  }, 900_000);

  it('still alarms on a real surge of one-star reviews right after the gap', async () => {
    for (let at = T0 + 7 * HOUR + 15 * MIN; at <= T0 + 8 * HOUR + 30 * MIN; at += 15 * MIN) await step(at, 3);
    expect(opened.slice(1).map((o) => o.kind)).toContain('negative_surge');
    expect(opened.find((o) => o.kind === 'negative_surge')!.hour).toBeLessThanOrEqual(8.5);
  }, 900_000);
});
