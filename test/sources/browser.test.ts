import { afterAll, describe, expect, it } from '@jest/globals';
import { parseRecipe } from '../../src/core/sources/recipe-validation.js';
import type { Recipe } from '../../src/core/sources/recipe.js';
import { infiniteFeedSite } from '../../src/demo/sites/browser-sites.js';
import { startFixtureSite, type FixturePost } from '../../src/demo/sites/fixture-site.js';
import { runOnce, testRuntime } from './harness.js';

const runtime = testRuntime();
afterAll(() => runtime.close());

const posts: FixturePost[] = Array.from({ length: 25 }, (_, i) => ({
  id: `b${i + 1}`,
  text: `Acme post number ${i + 1}`,
  author: `user${i + 1}`,
  publishedAt: new Date(Date.UTC(2026, 10, 23, 10, i)),
  likes: i,
}));

function feedRecipe(origin: string, mode: 'browser' | 'http'): Recipe {
  const parsed = parseRecipe(
    `
name: js-feed
platform: jsfeed
schedule: "*/5 * * * *"
brands: [acme]
fetch: { mode: ${mode}, url: "${origin}/feed", scrolls: 6, waitFor: article.post, timeoutSeconds: 20 }
politeness: { concurrency: 1, minIntervalMs: 0 }
extract:
  items: article.post
  fields: { id: "@data-id", text: .text, author: .author, time: "time@datetime", likes: .likes }
`,
    'js-feed.yaml',
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.recipe;
}

describe('browser mode', () => {
  it('renders a JavaScript feed in Chromium and scrolls until every batch has loaded', async () => {
    const site = await startFixtureSite(infiniteFeedSite(posts, { batch: 10 }));
    try {
      const report = await runOnce(runtime, feedRecipe(site.origin, 'browser'));
      expect(report.failure).toBeUndefined();
      expect(report.mentions.map((m) => [m.externalId, m.text, m.author?.name, m.publishedAt.toISOString(), m.engagement?.likes])).toEqual(
        posts.map((p) => [p.id, p.text, p.author, p.publishedAt.toISOString(), p.likes]),
      );
      expect(site.requests.filter((r) => r.startsWith('/feed/items.json'))).toEqual(['/feed/items.json?offset=0', '/feed/items.json?offset=10', '/feed/items.json?offset=20']);
      expect(runtime.browser.pagesOpen).toBe(0);
    } finally {
      await site.close();
    }
  });

  it('finds nothing in the same page fetched without a browser', async () => {
    const site = await startFixtureSite(infiniteFeedSite(posts));
    try {
      const report = await runOnce(runtime, feedRecipe(site.origin, 'http'));
      expect(report.mentions).toEqual([]);
      expect(report.seen).toBe(0);
    } finally {
      await site.close();
    }
  });

  it('closes the page and reports the failure when a page does not load', async () => {
    const site = await startFixtureSite([]);
    const origin = site.origin;
    await site.close();
    const report = await runOnce(runtime, { ...feedRecipe(origin, 'browser'), fetch: { ...feedRecipe(origin, 'browser').fetch, robots: 'ignore' } });
    expect(report.failure?.reason).toMatch(/^feed: browser could not load 127\.0\.0\.1:\d+: page\.goto: net::ERR_CONNECTION_REFUSED/);
    expect(runtime.browser.pagesOpen).toBe(0);
  });
});
