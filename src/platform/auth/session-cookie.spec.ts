import { describe, expect, it } from '@jest/globals';
import { cookieValue, csrfMatches, csrfTokenFor, sessionTokenOf, signInCookies, signOutCookies } from './session-cookie.js';

const TOKEN = 'gh_0123456789ab_abcdefghijklmnopqrstuvwxyzABCDEF';

describe('session cookies', () => {
  it('reads one cookie out of a Cookie header, whatever surrounds it', () => {
    expect(cookieValue('a=1; gh_session=tok; gh_csrf=c', 'gh_session')).toBe('tok');
    expect(cookieValue(['a=1', 'gh_session=tok'], 'gh_session')).toBe('tok');
    expect(cookieValue('xgh_session=no; gh_sessionx=no', 'gh_session')).toBeUndefined();
    expect(cookieValue(undefined, 'gh_session')).toBeUndefined();
  });

  it('derives a CSRF token that matches only its own session and reveals nothing of the token', () => {
    const csrf = csrfTokenFor(TOKEN);
    expect(csrf).toMatch(/^[\w-]{43}$/);
    expect(csrf).not.toContain(TOKEN.slice(16, 24));
    expect(csrfMatches(TOKEN, csrf)).toBe(true);
    expect(csrfMatches(TOKEN, undefined)).toBe(false);
    expect(csrfMatches(TOKEN, csrf.slice(1))).toBe(false);
    expect(csrfMatches(`${TOKEN.slice(0, -1)}G`, csrf)).toBe(false);
  });

  it('signs in with an HttpOnly session cookie and a readable CSRF cookie, Secure only over https', () => {
    const [session, csrf] = signInCookies(TOKEN, false);
    expect(session).toBe(`gh_session=${TOKEN}; Path=/; Max-Age=604800; SameSite=Strict; HttpOnly`);
    expect(csrf).toBe(`gh_csrf=${csrfTokenFor(TOKEN)}; Path=/; Max-Age=604800; SameSite=Strict`);
    const [secureSession, secureCsrf] = signInCookies(TOKEN, true);
    expect(secureSession).toBe(`__Host-gh_session=${TOKEN}; Path=/; Max-Age=604800; SameSite=Strict; Secure; HttpOnly`);
    expect(secureCsrf).toMatch(/^__Host-gh_csrf=[\w-]{43}; Path=\/; Max-Age=604800; SameSite=Strict; Secure$/);
  });

  it('reads the session from the __Host- cookie over https, which a sibling subdomain cannot plant, and only from it', () => {
    const cookie = `gh_session=planted; __Host-gh_session=${TOKEN}`;
    expect(sessionTokenOf({ secure: true, headers: { cookie } })).toBe(TOKEN);
    expect(sessionTokenOf({ headers: { cookie, 'x-forwarded-proto': 'https' } })).toBe(TOKEN);
    expect(sessionTokenOf({ secure: true, headers: { cookie: 'gh_session=planted' } })).toBeUndefined();
    expect(sessionTokenOf({ headers: { cookie } })).toBe('planted');
  });

  it('signs out by expiring both cookies at once', () => {
    expect(signOutCookies(false)).toEqual(['gh_session=; Path=/; Max-Age=0; SameSite=Strict; HttpOnly', 'gh_csrf=; Path=/; Max-Age=0; SameSite=Strict']);
  });
});
