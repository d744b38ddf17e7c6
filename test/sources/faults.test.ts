import { afterAll, describe, expect, it } from '@jest/globals';
import { parseRecipe } from '../../src/core/sources/recipe-validation.js';
import type { Recipe } from '../../src/core/sources/recipe.js';
import { html, json, startFixtureSite, type FixtureResponse, type FixtureRoute } from '../../src/demo/sites/fixture-site.js';
import { memoryLog, runOnce, testRuntime } from './harness.js';

const log = memoryLog();
const runtime = testRuntime({ log });
afterAll(() => runtime.close());

/** A small JSON API recipe: `items[]` of { id, text, at }, paginated by cursor `next`. */
function apiRecipe(origin: string, yamlExtra = ''): Recipe {
  const text = `
name: fault-api
platform: test
schedule: "* * * * *"
brands: [acme]
fetch:
  mode: json
  url: ${origin}/api?cursor={cursor}
  timeoutSeconds: 2
  retries: 2
politeness: { concurrency: 1, minIntervalMs: 0 }
extract:
  items: items
  fields: { id: id, text: text, time: at }
pagination: { type: cursor, next: next }
${yamlExtra}`;
  const parsed = parseRecipe(text, 'fault-api.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.recipe;
}

function htmlRecipe(origin: string): Recipe {
  const parsed = parseRecipe(
    `
name: fault-html
platform: test
schedule: "* * * * *"
brands: [acme]
fetch: { mode: http, url: "${origin}/reviews", retries: 0 }
politeness: { concurrency: 1, minIntervalMs: 0 }
extract:
  items: "#reviews .review"
  expect: "#reviews"
  fields: { id: "@data-id", text: p }
  blocked:
    - { selector: "form#login", reason: "login wall: export fresh cookies" }
    - { contains: "captcha-container", reason: "captcha page" }
`,
    'fault-html.yaml',
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.recipe;
}

const items = (ids: string[]) => ids.map((id) => ({ id, text: `post ${id}`, at: '2026-11-23T10:00:00Z' }));

/** A route answering from a list of responses in order (the last one repeats). */
function sequence(path: string, answers: FixtureResponse[]): FixtureRoute & { hits: number } {
  const route = {
    path,
    hits: 0,
    respond: () => answers[Math.min(route.hits++, answers.length - 1)]!,
  };
  return route;
}

describe('retries', () => {
  it('waits for Retry-After on 429 and then reads the page', async () => {
    const api = sequence('/api', [{ ...json({ error: 'slow down' }, 429), headers: { 'retry-after': '1' } }, json({ items: items(['a', 'b']) })]);
    const site = await startFixtureSite([api]);
    try {
      const started = performance.now();
      const report = await runOnce(runtime, apiRecipe(site.origin));
      expect(performance.now() - started).toBeGreaterThanOrEqual(950);
      expect(report.mentions.map((m) => m.externalId)).toEqual(['a', 'b']);
      expect(report.failure).toBeUndefined();
      expect(api.hits).toBe(2);
      expect(log.lines).toContainEqual(expect.objectContaining({ event: 'source.retry', source: 'fault-api', delayMs: 1000, cause: 'HTTP 429' }));
    } finally {
      await site.close();
    }
  });

  it('retries a 500 with backoff and succeeds on the next answer', async () => {
    const api = sequence('/api', [json({ error: 'boom' }, 500), json({ items: items(['c']) })]);
    const site = await startFixtureSite([api]);
    try {
      const report = await runOnce(runtime, apiRecipe(site.origin));
      expect(report.mentions.map((m) => m.externalId)).toEqual(['c']);
      expect(api.hits).toBe(2);
      expect(log.lines).toContainEqual(expect.objectContaining({ event: 'source.retry', cause: 'HTTP 500' }));
    } finally {
      await site.close();
    }
  });

  it('gives up after the retries when every attempt times out, naming the host and the timeout', async () => {
    const api = sequence('/api', [{ ...json({ items: items(['late']) }), delayMs: 1500 }]);
    const site = await startFixtureSite([api]);
    try {
      const recipe = apiRecipe(site.origin);
      const report = await runOnce(runtime, { ...recipe, fetch: { ...recipe.fetch, timeoutSeconds: 0.3, retries: 1 } });
      expect(report.mentions).toEqual([]);
      expect(report.failure).toEqual({ reason: `feed: no complete response from ${new URL(site.origin).host} within 300 ms`, blocked: false });
      expect(api.hits).toBe(2);
    } finally {
      await site.close();
    }
  });
});

describe('broken pages', () => {
  it('reports malformed HTML that lost the review list as a changed page', async () => {
    const site = await startFixtureSite([{ path: '/reviews', respond: () => html('<html><body><div class="revi') }]);
    try {
      const report = await runOnce(runtime, htmlRecipe(site.origin));
      expect(report.failure).toEqual({ reason: 'feed: the page has no element matching extract.expect "#reviews"; the page layout may have changed', blocked: false });
    } finally {
      await site.close();
    }
  });

  it('reports a truncated JSON body as malformed', async () => {
    const site = await startFixtureSite([{ path: '/api', respond: () => ({ contentType: 'application/json', body: '{"items": [{"id": "a"' }) }]);
    try {
      const report = await runOnce(runtime, apiRecipe(site.origin));
      expect(report.failure?.reason).toMatch(/^feed: response is not JSON or JSONP/);
    } finally {
      await site.close();
    }
  });

  it('recognises a login wall and a captcha page as blocked, with the recipe\'s reason', async () => {
    let page = '<html><body><form id="login"><input name="user"></form></body></html>';
    const site = await startFixtureSite([{ path: '/reviews', respond: () => html(page) }]);
    try {
      expect((await runOnce(runtime, htmlRecipe(site.origin))).failure).toEqual({ reason: 'feed: login wall: export fresh cookies', blocked: true });
      page = '<html><body><div id="captcha-container"></div></body></html>';
      expect((await runOnce(runtime, htmlRecipe(site.origin))).failure).toEqual({ reason: 'feed: captcha page', blocked: true });
    } finally {
      await site.close();
    }
  });
});

describe('pagination limits', () => {
  it('stops an endless cursor chain at limits.pages', async () => {
    let n = 0;
    const site = await startFixtureSite([{ path: '/api', respond: () => (n++, json({ items: items([`e${n}`]), next: `c${n}` })) }]);
    try {
      const report = await runOnce(runtime, apiRecipe(site.origin, 'limits: { pages: 4, items: 100, seconds: 30 }'));
      expect(report.mentions.map((m) => m.externalId)).toEqual(['e1', 'e2', 'e3', 'e4']);
      expect(report.targets[0]).toMatchObject({ pages: 4, stoppedBy: 'page-limit' });
    } finally {
      await site.close();
    }
  });

  it('stops when the platform hands back a cursor it already gave', async () => {
    let n = 0;
    const site = await startFixtureSite([{ path: '/api', respond: () => (n++, json({ items: items([`r${n}`]), next: 'same' })) }]);
    try {
      const report = await runOnce(runtime, apiRecipe(site.origin));
      expect(report.targets[0]).toMatchObject({ pages: 2, stoppedBy: 'repeated-cursor' });
    } finally {
      await site.close();
    }
  });

  it('stops at limits.items and at limits.seconds', async () => {
    let n = 0;
    const site = await startFixtureSite([{ path: '/api', respond: () => (n++, { ...json({ items: items([`t${n}a`, `t${n}b`]), next: `c${n}` }), delayMs: 150 }) }]);
    try {
      const byItems = await runOnce(runtime, apiRecipe(site.origin, 'limits: { pages: 50, items: 3, seconds: 30 }'));
      expect(byItems.mentions).toHaveLength(3);
      expect(byItems.targets[0]!.stoppedBy).toBe('item-limit');
      const byTime = await runOnce(runtime, apiRecipe(site.origin, 'limits: { pages: 50, items: 1000, seconds: 0.5 }'));
      expect(byTime.targets[0]!.stoppedBy).toBe('time-limit');
      expect(byTime.targets[0]!.pages).toBeLessThanOrEqual(4);
    } finally {
      await site.close();
    }
  });
});

describe('robots.txt and secrets', () => {
  it('honours a Disallow by default and, with robots: ignore, fetches while logging a warning', async () => {
    const site = await startFixtureSite([
      { path: '/robots.txt', respond: () => ({ contentType: 'text/plain', body: 'User-agent: *\nDisallow: /api\n' }) },
      { path: '/api', respond: () => json({ items: items(['x']) }) },
    ]);
    try {
      const denied = await runOnce(runtime, apiRecipe(site.origin));
      expect(denied.failure?.reason).toContain(`${site.origin}/robots.txt (line 2) disallows /api`);
      expect(site.requests.filter((r) => r.startsWith('/api'))).toEqual([]);
      const recipe = apiRecipe(site.origin);
      const allowed = await runOnce(runtime, { ...recipe, name: 'fault-api-ignore', fetch: { ...recipe.fetch, robots: 'ignore' } });
      expect(allowed.mentions.map((m) => m.externalId)).toEqual(['x']);
      expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', event: 'source.robots_ignored', source: 'fault-api-ignore' }));
    } finally {
      await site.close();
    }
  });

  it('fails with the variable name when a header secret is not in the environment, without sending a request', async () => {
    const site = await startFixtureSite([{ path: '/api', respond: () => json({ items: items(['x']) }) }]);
    try {
      const recipe = apiRecipe(site.origin);
      const report = await runOnce(runtime, { ...recipe, fetch: { ...recipe.fetch, headers: { authorization: 'Bearer ${env:GH_TEST_MISSING_TOKEN}' } } });
      expect(report.failure).toEqual({ reason: 'feed: header authorization needs the environment variable GH_TEST_MISSING_TOKEN; set it where goldenhour runs', blocked: true });
      expect(site.requests).toEqual([]);
    } finally {
      await site.close();
    }
  });
});

describe('politeness', () => {
  it('spaces requests to one domain by the strictest minIntervalMs, even across sources', async () => {
    const times: number[] = [];
    let n = 0;
    const site = await startFixtureSite([{ path: '/api', respond: () => (times.push(performance.now()), n++, json({ items: items([`p${n}`]), next: `c${n}` })) }]);
    try {
      const a = apiRecipe(site.origin, 'limits: { pages: 3, items: 100, seconds: 30 }');
      const paced = { ...a, politeness: { concurrency: 1, minIntervalMs: 300 } };
      await Promise.all([runOnce(runtime, paced), runOnce(runtime, { ...paced, name: 'fault-api-2', politeness: { concurrency: 2, minIntervalMs: 100 } })]);
      expect(times).toHaveLength(6);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      // Measured where the server sees the request: one request arriving late (a slow connection, a busy machine)
      // changes the gaps next to it, not the others, so the median gap shows the pacing (the mean over a span that
      // began with a late first arrival came in at 277 ms of 300 on a loaded machine).
      const median = [...gaps].sort((x, y) => x - y)[2]!;
      expect(median).toBeGreaterThanOrEqual(280);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
    } finally {
      await site.close();
    }
  });
});
