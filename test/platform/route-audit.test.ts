import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES } from '../../src/platform/auth/roles.decorator.js';
import { missingSecurityHeaders, nestRoutes, type AuditedRoute } from '../support/http-stack.js';
import { PUBLIC_NEST_ROUTES } from '../support/public-surface.js';
import { startTestApp, type TestApp } from '../support/app.js';

const BAD_TOKEN = 'gh_000000000000_not-a-real-token-not-a-real-tok';
const concrete = (path: string) => path.replace(/:(\w+)/g, 'audit-$1');

describe('route audit: every route needs a token and its role, except the reviewed public ones', () => {
  let t: TestApp;
  let routes: AuditedRoute[];
  beforeAll(async () => {
    t = await startTestApp({ label: 'route-audit', config: { api: { bodyLimit: '5mb', rateLimitPerMinute: 100_000, maxBatch: 1000 } } });
    routes = nestRoutes(t.app);
  });
  afterAll(async () => t.close());

  it('finds the routes Nest registered, and exactly the reviewed ones are public', () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((r) => r.public).map((r) => `${r.method} ${r.path}`)).toEqual(PUBLIC_NEST_ROUTES);
    for (const r of routes) expect(r.method).toMatch(/^(GET|POST|PUT|PATCH|DELETE)$/);
  });

  it('answers 401 without a token (and with a bad one, or a bad session cookie) on every other route, with the security headers', async () => {
    const seen: string[] = [];
    const headers: string[] = [];
    for (const r of routes.filter((x) => !x.public)) {
      for (const [how, sent] of [['no token', {}], ['bad token', { authorization: `Bearer ${BAD_TOKEN}` }], ['bad cookie', { cookie: `gh_session=${BAD_TOKEN}` }]] as const) {
        const res = await fetch(`${t.url}${concrete(r.path)}`, { method: r.method, headers: { 'content-type': 'application/json', ...sent }, body: r.method === 'GET' || r.method === 'DELETE' ? undefined : '{}' });
        seen.push(`${r.method} ${r.path} ${how} → ${res.status}`);
        for (const missing of missingSecurityHeaders(res)) headers.push(`${r.method} ${r.path}: ${missing}`);
        await res.body?.cancel();
      }
    }
    expect(seen.filter((s) => !s.endsWith('→ 401'))).toEqual([]);
    expect(headers).toEqual([]);
  });

  it('answers 403 to every role below the one a route needs', async () => {
    const seen: string[] = [];
    let checked = 0;
    for (const r of routes.filter((x) => !x.public)) {
      for (const role of ROLES.slice(0, ROLES.indexOf(r.role))) {
        const res = await t.request(concrete(r.path), { method: r.method, as: role, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { json: {} }) });
        seen.push(`${r.method} ${r.path} as ${role} (needs ${r.role}) → ${res.status}`);
        await res.body?.cancel();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(seen.filter((s) => !s.endsWith('→ 403'))).toEqual([]);
  });

  it('refuses every change signed in by the session cookie without the CSRF token, even to an admin', async () => {
    const seen: string[] = [];
    for (const r of routes.filter((x) => !x.public && x.method !== 'GET')) {
      const res = await fetch(`${t.url}${concrete(r.path)}`, { method: r.method, headers: { 'content-type': 'application/json', cookie: `gh_session=${t.tokens.admin}` }, body: r.method === 'DELETE' ? undefined : '{}' });
      const { message } = (await res.json()) as { message: string };
      seen.push(`${r.method} ${r.path} → ${res.status} ${message.slice(0, 27)}`);
    }
    expect(seen.length).toBeGreaterThan(15);
    expect(seen.filter((s) => !s.endsWith('→ 403 missing or wrong CSRF token'))).toEqual([]);
  });

  it('lets the public routes through without a token', async () => {
    expect((await t.request('/healthz', { as: null })).status).toBe(200);
    expect((await t.request('/readyz', { as: null })).status).toBe(200);
    // Demo mode is off here: the mailbox says so instead of asking for a token.
    expect((await t.request('/demo/mail', { as: null })).status).toBe(404);
  });
});
