// The API client: bearer token from localStorage, JSON in and out, a 401 sends the user back to sign in.
const KEY = 'goldenhour.token';

export function token() {
  return localStorage.getItem(KEY);
}
export function setToken(v) {
  if (v) localStorage.setItem(KEY, v);
  else localStorage.removeItem(KEY);
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(path, { method = 'GET', json, raw = false } = {}) {
  const headers = { authorization: `Bearer ${token()}` };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  if (res.status === 401) {
    setToken(null);
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

/** Who is signed in, and the offset between the server's clock and this browser's (countdowns use it). */
export const session = { name: '', role: 'viewer', clockOffset: 0, homeBrand: null };

export async function loadSession() {
  const me = await api('/api/v1/me');
  session.name = me.name;
  session.role = me.role;
  session.homeBrand = me.homeBrand ?? null;
  session.clockOffset = new Date(me.now).getTime() - Date.now();
  return session;
}

/** The server's "now", as the board's countdowns see it. */
export function serverNow() {
  return Date.now() + session.clockOffset;
}
