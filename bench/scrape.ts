// `npm run bench:scrape`: items per second a recipe extracts from a local fixture site on 127.0.0.1, in
// http mode (Weibo-style JSON API, and Amazon-style HTML read with cheerio) and in browser mode (an
// infinite-scroll feed rendered and scrolled in the shared Chromium), plus the browser's peak memory:
// the summed RSS of the Chromium processes this bench started, sampled every 50 ms (shared pages are
// counted once per process, so it is an upper bound). Fetch → extract → map only; no ingest. Prints; asserts nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { parseRecipe } from '../src/core/sources/recipe-validation.js';
import type { Recipe } from '../src/core/sources/recipe.js';
import { infiniteFeedSite } from '../src/demo/sites/browser-sites.js';
import { startFixtureSite, type FixturePost, type FixtureRoute } from '../src/demo/sites/fixture-site.js';
import { amazonReviewsSite } from '../src/demo/sites/marketplace-sites.js';
import { weiboSearchSite } from '../src/demo/sites/social-sites.js';
import { createScrapeRuntime } from '../src/sources/scrape-runtime.js';

const NOW = new Date('2026-11-23T12:30:00Z');
const HTTP_ITEMS = Number(process.env.BENCH_HTTP_ITEMS ?? 4000);
const BROWSER_ITEMS = Number(process.env.BENCH_BROWSER_ITEMS ?? 200);
const BROWSER_RUNS = Number(process.env.BENCH_BROWSER_RUNS ?? 3);

const posts = (n: number): FixturePost[] =>
  Array.from({ length: n }, (_, i) => ({
    id: String(100000 + i),
    text: `Acme 热水壶 review number ${i}: the lid broke after a week and support never answered.`,
    title: `Review ${i}`,
    author: `user${i}`,
    handle: String(i),
    publishedAt: new Date(NOW.getTime() - i * 60_000),
    likes: i % 50,
    rating: 1 + (i % 5),
  }));

function recipe(yaml: string): Recipe {
  const parsed = parseRecipe(yaml, 'bench.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.recipe;
}

const common = (pages: number, items: number) => `
schedule: "* * * * *"
brands: [acme]
politeness: { concurrency: 1, minIntervalMs: 0 }
limits: { pages: ${pages}, items: ${items}, seconds: 600 }`;

/** Summed RSS (kB) of the descendants of this process (the Chromium tree), from /proc. */
function childrenRssKb(): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) if (mine.has(ppid) && !mine.has(pid)) (mine.add(pid), (grew = true));
  }
  mine.delete(process.pid);
  let kb = 0;
  for (const pid of mine) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // ended
    }
  }
  return kb;
}

async function measure(label: string, routes: FixtureRoute[], r: Recipe, runs: number, sampleMemory = false): Promise<void> {
  const site = await startFixtureSite(routes);
  const runtime = createScrapeRuntime({ now: () => NOW, env: {}, log: { log: () => undefined, warn: () => undefined } });
  let peakKb = 0;
  const sampler = sampleMemory ? setInterval(() => (peakKb = Math.max(peakKb, childrenRssKb())), 50) : undefined;
  try {
    const pointed = { ...r, fetch: { ...r.fetch, url: r.fetch.url.replace('http://origin.invalid', site.origin) } };
    let items = 0;
    let pages = 0;
    const started = performance.now();
    for (let i = 0; i < runs; i++) {
      const report = await runtime.runner.run(pointed, [{ brand: 'acme', vars: { keyword: 'Acme', productId: 'B0BENCH' }, label: 'bench' }]);
      if (report.failure) throw new Error(`${label}: ${report.failure.reason}`);
      items += report.mentions.length;
      pages += report.pages;
    }
    const seconds = (performance.now() - started) / 1000;
    const memory = sampleMemory ? `, browser peak RSS ${(peakKb / 1024).toFixed(0)} MB` : '';
    process.stdout.write(`${label}: ${items} items from ${pages} pages in ${seconds.toFixed(2)} s = ${(items / seconds).toFixed(0)} items/s${memory}\n`);
  } finally {
    clearInterval(sampler);
    await runtime.close();
    await site.close();
  }
}

const weibo = recipe(`
name: bench-weibo
platform: weibo
timezone: Asia/Shanghai
fetch: { mode: json, url: "http://origin.invalid/api/container/getIndex?containerid=100103type%3D61%26q%3D{keyword}&page={page}" }
extract:
  items: ["data.cards[*].mblog", "data.cards[*].card_group[*].mblog"]
  expect: ok
  fields: { id: id, text: { path: text, html: true }, author: user.screen_name, handle: user.id, time: created_at, likes: attitudes_count, shares: reposts_count }
pagination: { type: page, start: 1 }
${common(1000, 1_000_000)}`);

const amazon = recipe(`
name: bench-amazon
platform: amazon
products: [{ id: B0BENCH, brand: acme }]
fetch: { mode: http, url: "http://origin.invalid/product-reviews/{productId}/?pageNumber=1" }
extract:
  items: 'div[data-hook="review"]'
  fields:
    id: "@id"
    text: 'span[data-hook="review-body"]'
    author: .a-profile-name
    time: { selector: 'span[data-hook="review-date"]', pattern: " on (.+)$" }
    rating: 'i[data-hook="review-star-rating"] .a-icon-alt'
    url: 'a[data-hook="review-title"]@href'
pagination: { type: link, next: "li.a-last a" }
${common(1000, 1_000_000)}`);

const feed = recipe(`
name: bench-browser
platform: jsfeed
fetch: { mode: browser, url: "http://origin.invalid/feed", scrolls: ${Math.ceil(BROWSER_ITEMS / 20) + 1}, waitFor: article.post }
extract:
  items: article.post
  fields: { id: "@data-id", text: .text, author: .author, time: "time@datetime", likes: .likes }
${common(1, 1_000_000)}`);

process.stdout.write(`node ${process.version}, ${HTTP_ITEMS} items per http run, ${BROWSER_ITEMS} per browser run, ${BROWSER_RUNS} browser runs\n`);
await measure('http json (weibo API, 20/page)', weiboSearchSite(posts(HTTP_ITEMS), { now: NOW, pageSize: 20 }), weibo, 1);
await measure('http html (amazon reviews, cheerio, 10/page)', amazonReviewsSite('B0BENCH', posts(HTTP_ITEMS / 4), { pageSize: 10 }), amazon, 1);
await measure('browser (infinite scroll, 20/batch)', infiniteFeedSite(posts(BROWSER_ITEMS), { batch: 20 }), feed, BROWSER_RUNS, true);
