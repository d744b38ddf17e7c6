import { createHash, timingSafeEqual } from 'node:crypto';

/** The HttpOnly cookie that carries the web app's API token: page scripts can never read it. */
export const SESSION_COOKIE = 'gh_session';
/** The CSRF token, readable by the web app's own script, which echoes it in the CSRF header. */
export const CSRF_COOKIE = 'gh_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** A week: a responder woken by an alert mail at night should not have to hunt for a token first. */
const SESSION_SECONDS = 7 * 24 * 3600;

/** Methods that only read; everything else changes state and needs the CSRF header when signed in by cookie. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF token of a session: derived from the token the cookie holds (a synchroniser token without
 * server state). Another site can neither read the cookie nor compute this, and a cookie planted from a
 * sibling domain does not help it either, because the server checks the header against the session
 * cookie, not against the CSRF cookie. Domain-separated from the stored token hash.
 */
export function csrfTokenFor(token: string): string {
  return createHash('sha256').update(`goldenhour csrf\0${token}`).digest('base64url');
}

export function csrfMatches(token: string, sent: string | undefined): boolean {
  if (!sent) return false;
  const a = Buffer.from(csrfTokenFor(token));
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Over https the cookies carry the `__Host-` prefix: the browser then refuses the same name from a sibling
 * subdomain or with another path, so nobody can plant a session of their own in a user's browser.
 */
const named = (base: string, secure: boolean) => (secure ? `__Host-${base}` : base);

type Req = { secure?: boolean; headers: Record<string, string | string[] | undefined> };

/** The token the request's session cookie holds, under the name this scheme uses. */
export function sessionTokenOf(req: Req): string | undefined {
  return cookieValue(req.headers.cookie, named(SESSION_COOKIE, cameOverHttps(req)));
}

/** One cookie's value from a Cookie header, or undefined. */
export function cookieValue(header: string | string[] | undefined, name: string): string | undefined {
  const line = Array.isArray(header) ? header.join('; ') : header;
  if (!line) return undefined;
  for (const part of line.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Set-Cookie values that sign a browser in. SameSite=Strict: the web app is one origin and routes by
 * hash, so a mail link's cross-site navigation only loads static files; the app's own API calls that
 * follow are same-site and carry the cookie. Secure whenever the request came over https.
 */
export function signInCookies(token: string, secure: boolean): string[] {
  // Tokens are `gh_<hex>_<base64url>`: cookie-safe as they are (the caller verified the token first).
  const attrs = `Path=/; Max-Age=${SESSION_SECONDS}; SameSite=Strict${secure ? '; Secure' : ''}`;
  return [`${named(SESSION_COOKIE, secure)}=${token}; ${attrs}; HttpOnly`, `${named(CSRF_COOKIE, secure)}=${csrfTokenFor(token)}; ${attrs}`];
}

/** Set-Cookie values that sign a browser out (both cookies expire at once). */
export function signOutCookies(secure: boolean): string[] {
  const attrs = `Path=/; Max-Age=0; SameSite=Strict${secure ? '; Secure' : ''}`;
  return [`${named(SESSION_COOKIE, secure)}=; ${attrs}; HttpOnly`, `${named(CSRF_COOKIE, secure)}=; ${attrs}`];
}

/** Whether the request reached us over https (directly, or through a proxy that says so). */
export function cameOverHttps(req: Req): boolean {
  return Boolean(req.secure) || req.headers['x-forwarded-proto'] === 'https';
}
