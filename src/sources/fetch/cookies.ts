import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** A cookie from a user-exported file. Values are secrets: never logged, never stored. */
export interface Cookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  secure: boolean;
  /** Epoch seconds; -1 for a session cookie. */
  expires: number;
}

const jsonCookie = z.object({
  name: z.string().min(1),
  value: z.string(),
  domain: z.string().min(1),
  path: z.string().default('/'),
  secure: z.boolean().default(false),
  expires: z.number().optional(),
  expirationDate: z.number().optional(),
});
const jsonFile = z.union([z.array(jsonCookie), z.object({ cookies: z.array(jsonCookie) }).transform((o) => o.cookies)]);

/**
 * Reads cookies exported from a logged-in browser: Netscape cookies.txt (curl, "Get cookies.txt"
 * extensions) or JSON (an array as cookie-editor extensions write it, or Playwright's storage state).
 */
export async function readCookiesFile(path: string): Promise<Cookie[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`fetch.cookiesFile ${path} cannot be read (${(e as NodeJS.ErrnoException).code}); export cookies from a logged-in browser to that path`);
  }
  return text.trimStart().startsWith('[') || text.trimStart().startsWith('{') ? parseJsonCookies(text, path) : parseNetscape(text, path);
}

function parseJsonCookies(text: string, path: string): Cookie[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`fetch.cookiesFile ${path} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = jsonFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`fetch.cookiesFile ${path}: ${issue.path.join('.')} ${issue.message}; expected [{ name, value, domain, path? }]`);
  }
  return parsed.data.map((c) => ({ name: c.name, value: c.value, domain: c.domain, path: c.path, secure: c.secure, expires: c.expires ?? c.expirationDate ?? -1 }));
}

function parseNetscape(text: string, path: string): Cookie[] {
  const cookies: Cookie[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const httpOnly = line.startsWith('#HttpOnly_');
    if (!httpOnly && (line.startsWith('#') || line.trim() === '')) return;
    const cols = (httpOnly ? line.slice('#HttpOnly_'.length) : line).split('\t');
    if (cols.length < 7) throw new Error(`fetch.cookiesFile ${path}:${i + 1}: expected 7 tab-separated columns (domain, subdomains, path, secure, expiry, name, value)`);
    cookies.push({ domain: cols[0]!, path: cols[2]!, secure: cols[3] === 'TRUE', expires: Number(cols[4]) || -1, name: cols[5]!, value: cols.slice(6).join('\t') });
  });
  return cookies;
}

/** The Cookie header for a request to `url`: cookies whose domain and path match and that have not expired. */
export function cookieHeader(cookies: Cookie[], url: string, nowSeconds: number): string | undefined {
  const u = new URL(url);
  const matching = cookies.filter((c) => {
    const domain = c.domain.replace(/^\./, '');
    const domainOk = u.hostname === domain || u.hostname.endsWith(`.${domain}`);
    const live = c.expires <= 0 || c.expires > nowSeconds;
    return domainOk && u.pathname.startsWith(c.path) && (!c.secure || u.protocol === 'https:') && live;
  });
  return matching.length > 0 ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
}
