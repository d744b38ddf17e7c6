import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES, ROLES_KEY, type Role } from '../../src/platform/auth/roles.decorator.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * The routes anyone may call without a token, reviewed one by one. Adding a @Public() route makes
 * this test fail until it is added here (and to README "Security") on purpose.
 */
const REVIEWED_PUBLIC = [
  'GET /healthz', // liveness probe: { status: "ok" }
  'GET /readyz', // readiness probe: database ping time
  'GET /demo/mail', // demo mode only (404 otherwise): the demo's caught mail
  'GET /demo/mail/json',
  'GET /demo/mail/:id/cid/:cid',
  'POST /api/v1/cases/sync', // the CRM's reports: HMAC-signed with the shared secret, timestamp + nonce against replays
].sort();

interface AuditedRoute {
  method: string;
  path: string;
  public: boolean;
  role: Role;
}

/** Every route Nest registered, read from the controllers' own metadata, with the role its guard asks for. */
function registeredRoutes(t: TestApp): AuditedRoute[] {
  const routes: AuditedRoute[] = [];
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
      if (!ctrl) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      const proto = ctrl.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const isPublic = Boolean(Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, ctrl));
        const role = (Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, ctrl) ?? 'viewer') as Role;
        const full = `/${[base, path].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
        routes.push({ method: RequestMethod[method], path: full, public: isPublic, role });
      }
    }
  }
  return routes.sort((a, b) => `${a.method} ${a.path}`.localeCompare(`${b.method} ${b.path}`));
}

const concrete = (path: string) => path.replace(/:(\w+)/g, 'audit-$1');

describe('route audit: every route needs a token and its role, except the reviewed public ones', () => {
  let t: TestApp;
  let routes: AuditedRoute[];
  beforeAll(async () => {
    t = await startTestApp({ label: 'route-audit', config: { api: { bodyLimit: '5mb', rateLimitPerMinute: 100_000, maxBatch: 1000 } } });
    routes = registeredRoutes(t);
  });
  afterAll(async () => t.close());

  it('finds the routes Nest registered, and exactly the reviewed ones are public', () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((r) => r.public).map((r) => `${r.method} ${r.path}`)).toEqual(REVIEWED_PUBLIC);
    for (const r of routes) expect(r.method).toMatch(/^(GET|POST|PUT|PATCH|DELETE)$/);
  });

  it('answers 401 without a token (and with a bad one) on every other route', async () => {
    const seen: string[] = [];
    for (const r of routes.filter((x) => !x.public)) {
      for (const auth of [undefined, 'Bearer gh_000000000000_not-a-real-token-not-a-real-tok']) {
        const res = await fetch(`${t.url}${concrete(r.path)}`, { method: r.method, headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: r.method === 'GET' || r.method === 'DELETE' ? undefined : '{}' });
        seen.push(`${r.method} ${r.path} ${auth ? 'bad token' : 'no token'} → ${res.status}`);
        await res.body?.cancel();
      }
    }
    expect(seen.filter((s) => !s.endsWith('→ 401'))).toEqual([]);
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

  it('lets the public routes through without a token', async () => {
    expect((await t.request('/healthz', { as: null })).status).toBe(200);
    expect((await t.request('/readyz', { as: null })).status).toBe(200);
    // Demo mode is off here: the mailbox says so instead of asking for a token.
    expect((await t.request('/demo/mail', { as: null })).status).toBe(404);
  });
});
