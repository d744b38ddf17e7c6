import { createHash } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Cookie } from '../fetch/cookies.js';

export interface BrowserPoolOptions {
  executablePath: string;
  /** Pages open at once across all sources; further renders wait. */
  maxPages: number;
  /** Contexts kept for reuse (one per cookie set); the least recently used is closed beyond this. */
  maxContexts: number;
}

export interface RenderRequest {
  url: string;
  cookies: Cookie[];
  userAgent: string;
  timeoutMs: number;
  waitFor?: string;
  /** Scroll to the bottom up to this many times, stopping early when `itemSelector` stops growing. */
  scrolls: number;
  itemSelector?: string;
}

export interface RenderedPage {
  status: number;
  body: string;
  url: string;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * One shared headless Chromium for every browser-mode source, launched on first use. Contexts are
 * pooled per cookie set (so a logged-in session is reused), pages are bounded and closed on every path.
 */
export class BrowserPool {
  private browser?: Promise<Browser>;
  private readonly contexts = new Map<string, Promise<BrowserContext>>();
  private openPages = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly opts: BrowserPoolOptions) {}

  /** Loads a page, scrolls it, and returns the rendered HTML. */
  async render(req: RenderRequest): Promise<RenderedPage> {
    await this.acquirePage();
    let page: Page | undefined;
    try {
      const context = await this.context(req.cookies, req.userAgent);
      page = await context.newPage();
      page.setDefaultTimeout(req.timeoutMs);
      const response = await page.goto(req.url, { waitUntil: 'domcontentloaded', timeout: req.timeoutMs });
      if (req.waitFor) await page.waitForSelector(req.waitFor, { timeout: req.timeoutMs }).catch(() => undefined);
      await scroll(page, req.scrolls, req.itemSelector);
      return { status: response?.status() ?? 200, body: await page.content(), url: page.url() };
    } finally {
      await page?.close().catch(() => undefined);
      this.releasePage();
    }
  }

  /** Pages open right now (for tests and metrics). */
  get pagesOpen(): number {
    return this.openPages;
  }

  async close(): Promise<void> {
    const contexts = [...this.contexts.values()];
    this.contexts.clear();
    await Promise.all(contexts.map(async (c) => (await c.catch(() => undefined))?.close().catch(() => undefined)));
    const browser = this.browser;
    this.browser = undefined;
    await (await browser?.catch(() => undefined))?.close().catch(() => undefined);
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      this.browser = chromium.launch({ executablePath: this.opts.executablePath, headless: true, args: CHROMIUM_ARGS });
      this.browser.then(
        (b) => b.on('disconnected', () => this.forget()),
        () => this.forget(),
      );
    }
    return this.browser;
  }

  private forget(): void {
    this.browser = undefined;
    this.contexts.clear();
  }

  private async context(cookies: Cookie[], userAgent: string): Promise<BrowserContext> {
    const key = createHash('sha256').update(JSON.stringify([userAgent, cookies])).digest('hex');
    let context = this.contexts.get(key);
    if (context) {
      this.contexts.delete(key);
      this.contexts.set(key, context);
      return context;
    }
    context = this.newContext(cookies, userAgent);
    this.contexts.set(key, context);
    context.catch(() => this.contexts.delete(key));
    while (this.contexts.size > this.opts.maxContexts) {
      const [oldestKey, oldest] = this.contexts.entries().next().value!;
      this.contexts.delete(oldestKey);
      // Pages of a context being evicted finish first: closing waits for them only as long as they run.
      void oldest.then((c) => c.close()).catch(() => undefined);
    }
    return context;
  }

  private async newContext(cookies: Cookie[], userAgent: string): Promise<BrowserContext> {
    const browser = await this.launch();
    const context = await browser.newContext({ userAgent, serviceWorkers: 'block' });
    if (cookies.length > 0) await context.addCookies(cookies.map((c) => ({ name: c.name, value: c.value, domain: c.domain, path: c.path, secure: c.secure, expires: c.expires })));
    return context;
  }

  private async acquirePage(): Promise<void> {
    while (this.openPages >= this.opts.maxPages) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.openPages++;
  }

  private releasePage(): void {
    this.openPages--;
    this.waiting.shift()?.();
  }
}

async function scroll(page: Page, times: number, itemSelector: string | undefined): Promise<void> {
  for (let i = 0; i < times; i++) {
    const before = itemSelector ? await page.locator(itemSelector).count() : 0;
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    if (!itemSelector) {
      await page.waitForTimeout(300);
      continue;
    }
    const grew = await page
      .waitForFunction(({ sel, n }) => document.querySelectorAll(sel).length > n, { sel: itemSelector, n: before }, { timeout: 2000 })
      .then(() => true)
      .catch(() => false);
    if (!grew) return;
  }
}
