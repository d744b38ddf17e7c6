import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

/** The cookies a response sets, by name: { value, attributes (lower-cased) }. */
function setCookies(res: Response): Record<string, { value: string; attrs: string[] }> {
  const out: Record<string, { value: string; attrs: string[] }> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(';').map((s) => s.trim());
    const eq = pair!.indexOf('=');
    out[pair!.slice(0, eq)] = { value: pair!.slice(eq + 1), attrs: attrs.map((a) => a.toLowerCase()) };
  }
  return out;
}

describe('web app sessions: an HttpOnly cookie and a CSRF token instead of a token in the page', () => {
  let t: TestApp;
  let session: string;
  let csrf: string;
  beforeAll(async () => {
    t = await startTestApp({ label: 'session' });
  });
  afterAll(async () => t.close());

  const asCookie = (path: string, init: RequestInit & { json?: unknown; csrf?: string } = {}) => {
    const { json, csrf: sentCsrf, ...rest } = init;
    const headers: Record<string, string> = { cookie: `gh_session=${session}; gh_csrf=${csrf}` };
    if (sentCsrf !== undefined) headers['x-csrf-token'] = sentCsrf;
    if (json !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${t.url}${path}`, { ...rest, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  };

  it('signs in through the form: HttpOnly, SameSite=Strict session cookie, a readable CSRF cookie, and a redirect to where the user was going', async () => {
    const res = await fetch(`${t.url}/api/v1/session`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.url },
      body: new URLSearchParams({ token: t.tokens.responder, next: '#/incident/inc-1' }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/#/incident/inc-1');
    const cookies = setCookies(res);
    expect(cookies.gh_session!.value).toBe(t.tokens.responder);
    expect(cookies.gh_session!.attrs).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(cookies.gh_session!.attrs).not.toContain('secure');
    expect(cookies.gh_csrf!.attrs).toEqual(expect.arrayContaining(['samesite=strict', 'path=/']));
    expect(cookies.gh_csrf!.attrs).not.toContain('httponly');
    expect(cookies.gh_csrf!.value).not.toContain(t.tokens.responder.slice(16));
    session = cookies.gh_session!.value;
    csrf = cookies.gh_csrf!.value;
  });

  it('marks the cookies Secure and __Host- when the request came over https (through a proxy that says so)', async () => {
    const res = await t.request('/api/v1/session', { method: 'POST', as: null, headers: { 'x-forwarded-proto': 'https' }, json: { token: t.tokens.viewer } });
    expect(res.status).toBe(201);
    const cookies = setCookies(res);
    expect(Object.keys(cookies).sort()).toEqual(['__Host-gh_csrf', '__Host-gh_session']);
    for (const c of Object.values(cookies)) expect(c.attrs).toContain('secure');
    const me = (cookie: string) => fetch(`${t.url}/api/v1/me`, { headers: { cookie, 'x-forwarded-proto': 'https' } });
    expect((await me(`__Host-gh_session=${t.tokens.viewer}`)).status).toBe(200);
    // Over https only the __Host- cookie counts: a plain one may have been planted by a sibling subdomain.
    expect((await me(`gh_session=${t.tokens.viewer}`)).status).toBe(401);
  });

  it('sends a wrong token back to the form with the error, and only ever redirects to the web app\'s own routes', async () => {
    const post = (fields: Record<string, string>) =>
      fetch(`${t.url}/api/v1/session`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const bad = await post({ token: 'gh_000000000000_not-a-real-token-not-a-real-tok', next: '#/board' });
    expect([bad.status, bad.headers.get('location'), bad.headers.getSetCookie()]).toEqual([303, '/#/login?error=token&next=%23%2Fboard', []]);
    for (const next of ['https://evil.example/', '//evil.example', 'javascript:alert(1)', '#/login?next=x'])
      expect((await post({ token: t.tokens.viewer, next })).headers.get('location')).toBe('/#/dashboard');
    expect((await post({ token: t.tokens.viewer, next: '#/dashboard?brand=日出' })).headers.get('location')).toBe('/#/dashboard?brand=%E6%97%A5%E5%87%BA');
  });

  it('refuses a sign-in posted from another site (it would sign the visitor in as someone else)', async () => {
    const res = await fetch(`${t.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify({ token: t.tokens.viewer }) });
    expect(res.status).toBe(403);
    expect((await res.json()).message).toMatch(/another site/);
    expect(res.headers.getSetCookie()).toEqual([]);
    const fetched = await fetch(`${t.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, body: JSON.stringify({ token: t.tokens.viewer }) });
    expect(fetched.status).toBe(403);
  });

  it('reads with the cookie alone', async () => {
    const res = await asCookie('/api/v1/me');
    expect(res.status).toBe(200);
    expect((await res.json()).name).toBe('test responder');
  });

  it('refuses a change signed in by the cookie without the CSRF token, or with a wrong one, with 403 and the reason', async () => {
    for (const sent of [undefined, '', 'x'.repeat(43)]) {
      const res = await asCookie('/api/v1/brands', { method: 'POST', csrf: sent, json: { id: 'csrf-test', name: 'CSRF test', keywords: ['csrf'] } });
      expect(res.status).toBe(403);
      expect((await res.json()).message).toMatch(/^missing or wrong CSRF token: .*"X-CSRF-Token" header/);
    }
    const list = (await (await t.request('/api/v1/brands')).json()) as { id: string }[];
    expect(list.map((b) => b.id)).not.toContain('csrf-test');
  });

  it('accepts the change with the session\'s CSRF token, still under the token\'s role', async () => {
    const note = await asCookie('/api/v1/brands', { method: 'POST', csrf, json: { id: 'csrf-test', name: 'CSRF test', keywords: ['csrf'] } });
    expect(note.status).toBe(403);
    expect((await note.json()).message).toMatch(/needs the "admin" role/);
    const check = await asCookie('/api/v1/incidents/nope/draft-check', { method: 'POST', csrf, json: { text: 'We are sorry.' } });
    expect(check.status).not.toBe(403);
  });

  it('leaves the bearer API as it was: no CSRF token needed, the header wins over a cookie', async () => {
    const res = await t.request('/api/v1/brands', { method: 'POST', as: 'admin', json: { id: 'bearer-brand', name: 'Bearer brand', keywords: ['bearer'] } });
    expect(res.status).toBe(201);
    const mixed = await fetch(`${t.url}/api/v1/me`, { headers: { authorization: `Bearer ${t.tokens.viewer}`, cookie: `gh_session=${session}` } });
    expect((await mixed.json()).role).toBe('viewer');
    expect((await t.request('/api/v1/me?access_token=' + t.tokens.viewer, { as: null })).status).toBe(401);
  });

  it('signs out: needs the CSRF token, then expires both cookies', async () => {
    expect((await asCookie('/api/v1/session', { method: 'DELETE' })).status).toBe(403);
    const res = await asCookie('/api/v1/session', { method: 'DELETE', csrf });
    expect(res.status).toBe(204);
    const cookies = setCookies(res);
    expect([cookies.gh_session?.value, cookies.gh_csrf?.value]).toEqual(['', '']);
    expect(cookies.gh_session!.attrs).toContain('max-age=0');
    expect(cookies.gh_csrf!.attrs).toContain('max-age=0');
  });

  it('clears a session cookie whose token was revoked, and asks to sign in again', async () => {
    const { id, token } = await (await t.request('/api/v1/tokens', { method: 'POST', json: { name: 'short-lived', role: 'viewer' } })).json();
    await t.request(`/api/v1/tokens/${id}`, { method: 'DELETE' });
    const res = await fetch(`${t.url}/api/v1/me`, { headers: { cookie: `gh_session=${token}` } });
    expect(res.status).toBe(401);
    expect((await res.json()).message).toMatch(/sign in again/);
    expect(setCookies(res).gh_session!.attrs).toContain('max-age=0');
  });
});
