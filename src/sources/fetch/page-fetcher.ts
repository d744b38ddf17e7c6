import type { Recipe } from '../../core/sources/recipe.js';
import type { BrowserPool } from '../browser/browser-pool.js';
import type { DomainGate } from '../politeness/domain-gate.js';
import { DEFAULT_RETRY, sendWithRetries } from '../politeness/retry.js';
import type { RobotsGate } from '../politeness/robots.js';
import { cookieHeader, type Cookie } from './cookies.js';
import { TransportError, type HttpClient } from './http-client.js';

export const DEFAULT_USER_AGENT = 'goldenhour/0.1 (brand monitoring; +https://github.com/goldenhour)';

/** Structured log lines of a run; never given cookies or header values. */
export interface RunLog {
  log(event: Record<string, unknown>): void;
  warn(event: Record<string, unknown>): void;
}

/** A request failure that ends the current query: robots.txt said no, or the site never answered. */
export class FetchFailure extends Error {}

export interface PageFetcherDeps {
  http: HttpClient;
  gate: DomainGate;
  robots: RobotsGate;
  browser(): BrowserPool;
  sleep(ms: number): Promise<void>;
  random(): number;
  now(): Date;
  log: RunLog;
}

/** A loaded page: final status, body and URL after redirects. */
export interface FetchedPage {
  status: number;
  body: string;
  url: string;
}

export interface PageRequestSpec {
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Loads one page for a recipe: robots.txt, the domain's pace, retries, then plain HTTP or the shared browser. */
export class PageFetcher {
  private readonly robotsWarned = new Set<string>();

  constructor(private readonly deps: PageFetcherDeps) {}

  async load(recipe: Recipe, req: PageRequestSpec, cookies: Cookie[]): Promise<FetchedPage> {
    const userAgent = recipe.fetch.userAgent ?? DEFAULT_USER_AGENT;
    await this.checkRobots(recipe, req.url, userAgent);
    const timeoutMs = recipe.fetch.timeoutSeconds * 1000;
    const pace = recipe.politeness;
    if (recipe.fetch.mode === 'browser') {
      return this.deps.gate.run(req.url, pace, async () => {
        const itemSelector = Array.isArray(recipe.extract.items) ? recipe.extract.items.join(', ') : recipe.extract.items;
        const page = await this.deps
          .browser()
          .render({ url: req.url, cookies, userAgent, timeoutMs, waitFor: recipe.fetch.waitFor, scrolls: recipe.fetch.scrolls, itemSelector: recipe.extract.embedded ? undefined : itemSelector })
          .catch((e: Error) => {
            throw new FetchFailure(`browser could not load ${hostOf(req.url)}: ${e.message.split('\n')[0]}`);
          });
        return page;
      });
    }
    const headers: Record<string, string> = { 'user-agent': userAgent, ...lower(req.headers) };
    const cookie = cookieHeader(cookies, req.url, Math.floor(this.deps.now().getTime() / 1000));
    if (cookie) headers.cookie = cookie;
    if (req.body !== undefined) headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    const send = () => this.deps.gate.run(req.url, pace, () => this.deps.http.send({ url: req.url, method: recipe.fetch.method, headers, body: req.body, timeoutMs }));
    try {
      return await sendWithRetries(send, { ...DEFAULT_RETRY, retries: recipe.fetch.retries }, {
        sleep: this.deps.sleep,
        now: this.deps.now,
        random: this.deps.random,
        onRetry: (info) => this.deps.log.warn({ event: 'source.retry', source: recipe.name, host: hostOf(req.url), ...info }),
      });
    } catch (e) {
      if (e instanceof TransportError) throw new FetchFailure(e.message);
      throw e;
    }
  }

  private async checkRobots(recipe: Recipe, url: string, userAgent: string): Promise<void> {
    if (recipe.fetch.robots === 'ignore') {
      if (!this.robotsWarned.has(recipe.name)) {
        this.robotsWarned.add(recipe.name);
        this.deps.log.warn({ event: 'source.robots_ignored', source: recipe.name, host: hostOf(url), message: 'fetch.robots is "ignore": robots.txt is not consulted for this source' });
      }
      return;
    }
    const verdict = await this.deps.robots.check(url, userAgent);
    if (!verdict.allowed) throw new FetchFailure(verdict.reason);
  }
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

export function hostOf(url: string): string {
  return new URL(url).host;
}
