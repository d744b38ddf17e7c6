import { setTimeout as sleep } from 'node:timers/promises';
import { BrowserPool } from './browser/browser-pool.js';
import { HttpClient } from './fetch/http-client.js';
import { PageFetcher, type RunLog } from './fetch/page-fetcher.js';
import { DomainGate } from './politeness/domain-gate.js';
import { RobotsGate } from './politeness/robots.js';
import { SourceRunner } from './source-runner.js';

export interface ScrapeRuntimeOptions {
  now(): Date;
  env: Record<string, string | undefined>;
  log: RunLog;
  chromiumPath?: string;
  maxBrowserPages?: number;
}

/** The parts a scrape needs, wired once per process: the daemon, `goldenhour scrape`, tests and the bench share this. */
export interface ScrapeRuntime {
  runner: SourceRunner;
  /** The shared browser pool; launched only when a browser-mode recipe runs. */
  browser: BrowserPool;
  close(): Promise<void>;
}

export function createScrapeRuntime(opts: ScrapeRuntimeOptions): ScrapeRuntime {
  const monotonicNow = () => performance.now();
  const http = new HttpClient();
  const browser = new BrowserPool({ executablePath: opts.chromiumPath ?? '/usr/bin/chromium', maxPages: opts.maxBrowserPages ?? 4, maxContexts: 4 });
  const fetcher = new PageFetcher({
    http,
    gate: new DomainGate(monotonicNow, (ms) => sleep(ms)),
    robots: new RobotsGate(http, monotonicNow),
    browser: () => browser,
    sleep: (ms) => sleep(ms),
    random: Math.random,
    now: opts.now,
    log: opts.log,
  });
  const runner = new SourceRunner(fetcher, { now: opts.now, monotonicNow }, opts.env, opts.log);
  return { runner, browser, close: () => browser.close() };
}
