// The API client. The API token lives in an HttpOnly session cookie that this script cannot read; the
// browser sends it. Requests that change something echo the session's CSRF token (a readable cookie) in
// the X-CSRF-Token header. JSON in and out; a 401 sends the user back to sign in.

/** The session's CSRF token, or null when this browser is not signed in. */
export function csrfToken() {
  const m = /(?:^|;\s*)(?:__Host-)?gh_csrf=([^;]+)/.exec(document.cookie);
  return m ? m[1] : null;
}

/** Expires the session cookie (the token itself stays valid for its other uses). */
export async function signOut() {
  const csrf = csrfToken();
  await fetch('/api/v1/session', { method: 'DELETE', headers: csrf ? { 'x-csrf-token': csrf } : {} });
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(path, { method = 'GET', json, raw = false } = {}) {
  const headers = {};
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken() ?? '';
  if (json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  if (res.status === 401) {
    if (!location.hash.startsWith('#/login')) location.hash = `#/login?next=${encodeURIComponent(location.hash)}`;
    throw new ApiError(401, 'signed out');
  }
  if (!res.ok) {
    let message = res.statusText;
    try {
      message = (await res.json()).message ?? message;
    } catch {
      /* a non-JSON error body: keep the status text */
    }
    throw new ApiError(res.status, Array.isArray(message) ? message.join('; ') : message);
  }
  return raw ? res : res.json();
}

/**
 * Who is signed in, the offset between the server's clock and this browser's (countdowns use it), and the
 * time zone the user chose for their pages (null: the brand's on the board, the browser's on the dashboard).
 */
export const session = { name: '', role: 'viewer', clockOffset: 0, homeBrand: null, timezone: null };

export async function loadSession() {
  const me = await api('/api/v1/me');
  session.name = me.name;
  session.role = me.role;
  session.homeBrand = me.homeBrand ?? null;
  session.timezone = me.timezone ?? null;
  session.clockOffset = new Date(me.now).getTime() - Date.now();
  return session;
}

/** The server's "now", as the board's countdowns see it. */
export function serverNow() {
  return Date.now() + session.clockOffset;
}
