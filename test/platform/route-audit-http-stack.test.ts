import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DemoService } from '../../src/demo/demo.service.js';
import { projectRoot } from '../../src/platform/paths.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { httpStack, missingSecurityHeaders, nestRoutes } from '../support/http-stack.js';
import { PUBLIC_NEST_ROUTES, PUBLIC_OUTSIDE_NEST, README_PUBLIC, readmeEntryFor, REVIEWED_MIDDLEWARE } from '../support/public-surface.js';

const DIST = join(projectRoot(), 'dashboards/dist');
const TOKEN_LIKE = /gh_[0-9a-f]{12}_[\w-]{32}/;

const filesUnder = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));

/** Fetches without any token and notes each answer's missing security headers. */
function probe(base: string, problems: string[]) {
  return async (path: string, method = 'GET') => {
    const res = await fetch(`${base}${path}`, { method, redirect: 'manual' });
    for (const missing of missingSecurityHeaders(res)) problems.push(`${method} ${path}: ${missing}`);
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  };
}

describe('route audit beyond the controllers: everything the daemon serves is reviewed public or needs a token', () => {
  let t: TestApp;
  const headerProblems: string[] = [];
  let get: ReturnType<typeof probe>;
  beforeAll(async () => {
    t = await startTestApp({ label: 'route-audit-stack' });
    get = probe(t.url, headerProblems);
  });
  afterAll(async () => t.close());

  it('knows every layer of the HTTP stack: Nest routes, reviewed routes outside Nest, reviewed middleware', () => {
    const stack = httpStack(t.app);
    const nest = nestRoutes(t.app).map((r) => `${r.method} ${r.path}`);
    expect(nest.filter((r) => !stack.routes.includes(r))).toEqual([]);
    expect(stack.routes.filter((r) => !nest.includes(r)).sort()).toEqual(PUBLIC_OUTSIDE_NEST);
    expect(stack.middleware).toEqual(REVIEWED_MIDDLEWARE.map(([name]) => name));
  });

  it('serves the API description and the web app\'s files without a token, and no data with them', async () => {
    for (const route of PUBLIC_OUTSIDE_NEST) {
      const { status, body } = await get(route.slice('GET '.length));
      expect([route, status === 200 || status === 404]).toEqual([route, true]);
      expect(body).not.toMatch(TOKEN_LIKE);
    }
    const files = filesUnder(DIST).map((f) => `/${relative(DIST, f)}`);
    expect(files).toContain('/index.html');
    for (const file of files) {
      expect([file, file === '/index.html' || file.startsWith('/assets/')]).toEqual([file, true]);
      const { status, body } = await get(file);
      expect([file, status]).toEqual([file, 200]);
      expect(body).not.toMatch(TOKEN_LIKE);
    }
    expect((await get('/api/docs/swagger-ui.css')).status).toBe(200);
  });

  it("answers any other GET outside the API with the web app's index.html, and never stands in for an API path", async () => {
    const index = readFileSync(join(DIST, 'index.html'), 'utf8');
    for (const path of ['/', '/board', '/some/deep/path?x=1', '/favicon.ico']) expect([path, (await get(path)).body]).toEqual([path, index]);
    for (const path of ['/api', '/api/v1/unknown', '/api/v2/me', '/metrics/x', '/demo/x', '/healthz/x', '/readyz/x']) {
      const { status, type } = await get(path);
      expect([path, status, type]).toEqual([path, 404, 'application/json; charset=utf-8']);
    }
    for (const [path, method] of [['/', 'POST'], ['/board', 'PUT'], ['/index.html', 'DELETE'], ['/assets/x.js', 'POST']] as const)
      expect([method, path, (await get(path, method)).status]).toEqual([method, path, 404]);
  });

  it('sends the security headers with every answer above', () => {
    expect(headerProblems).toEqual([]);
  });

  it('matches README "Security": its public list names exactly what is public', () => {
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    const paragraph = /\*\*What is public\.\*\*([\s\S]*?)\n\n/.exec(readme)?.[1] ?? '';
    const named = [...paragraph.matchAll(/`((?:GET |POST |DELETE )?\/[^`]*)`/g)].map((m) => m[1]);
    expect(named.sort()).toEqual([...README_PUBLIC].sort());
    const served = [...PUBLIC_NEST_ROUTES, ...PUBLIC_OUTSIDE_NEST, ...filesUnder(DIST).map((f) => `GET /${relative(DIST, f)}`), 'GET /'];
    expect(served.filter((r) => !readmeEntryFor(r))).toEqual([]);
    expect(README_PUBLIC.filter((entry) => !served.some((r) => readmeEntryFor(r) === entry))).toEqual([]);
  });
});

describe('route audit in demo mode: the demo mailbox is public, and the demo sites carry the headers too', () => {
  let t: TestApp;
  let siteOrigin: string;
  beforeAll(async () => {
    t = await startTestApp({ label: 'route-audit-demo', config: { demo: true } });
    ({ siteOrigin } = await t.app.get(DemoService).start());
  }, 60_000);
  afterAll(async () => t.close());

  it('shows the demo mailbox without a token, under its own policy', async () => {
    const problems: string[] = [];
    const get = probe(t.url, problems);
    expect((await get('/demo/mail')).status).toBe(200);
    expect(JSON.parse((await get('/demo/mail/json')).body)).toEqual(expect.any(Array));
    expect((await get('/demo/mail/1/cid/none')).status).toBe(404);
    expect((await get('/api/v1/me')).status).toBe(401);
    expect(problems).toEqual([]);
  });

  it("sends the headers from the demo's Weibo, JD and Google News stand-ins, on answers and on their 404s", async () => {
    const problems: string[] = [];
    const get = probe(siteOrigin, problems);
    for (const path of ['/rss/search?q=x', '/api/container/getIndex?containerid=x', '/comment/productPageComments.action?productId=1', '/robots.txt', '/nope']) {
      await get(path);
    }
    expect(problems).toEqual([]);
    const res = await fetch(`${siteOrigin}/rss/search?q=x`);
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none';/);
  });
});
