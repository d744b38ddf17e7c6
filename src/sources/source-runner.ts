import type { MentionInput } from '../core/mention/mention-input.js';
import { extractPage } from '../core/sources/extract.js';
import { toMention } from '../core/sources/map-mention.js';
import { findBlock, PageProblem, parsePage } from '../core/sources/page-document.js';
import { firstRequest, nextRequest, type PageRequest, type StopReason } from '../core/sources/pagination.js';
import type { Recipe } from '../core/sources/recipe.js';
import type { RunTarget } from '../core/sources/targets.js';
import { fillEnv, fillTemplate } from '../core/sources/template.js';
import { readCookiesFile, type Cookie } from './fetch/cookies.js';
import { FetchFailure, hostOf, type PageFetcher, type PageRequestSpec, type RunLog } from './fetch/page-fetcher.js';

/** How one query of a run ended. */
export interface TargetOutcome {
  target: string;
  pages: number;
  items: number;
  stoppedBy: StopReason;
  error?: string;
  /** The error is a login wall, captcha or denied access: retrying soon will not help. */
  blocked?: boolean;
}

/** Everything a run produced, before ingest. */
export interface RunReport {
  source: string;
  mentions: MentionInput[];
  pages: number;
  /** Items found on pages, broken ones included. */
  seen: number;
  /** Items that could not be read, with the reason (a field missing, a date unreadable). */
  broken: string[];
  /** What was dropped from usable items (a link that is not http/https), with the reason. */
  dropped?: string[];
  targets: TargetOutcome[];
  /** Set when a query failed: the source is degraded with this reason. */
  failure?: { reason: string; blocked: boolean };
  durationMs: number;
}

export interface RunnerClock {
  now(): Date;
  /** Milliseconds from a monotonic origin, for time limits. */
  monotonicNow(): number;
}

class QueryFailure extends Error {
  constructor(
    message: string,
    readonly blocked: boolean,
  ) {
    super(message);
  }
}

/** Runs a recipe once over its targets: fetch page after page, extract, map to mentions, stop at the limits. */
export class SourceRunner {
  constructor(
    private readonly fetcher: PageFetcher,
    private readonly clock: RunnerClock,
    private readonly env: Record<string, string | undefined>,
    private readonly log: RunLog,
  ) {}

  async run(recipe: Recipe, targets: RunTarget[]): Promise<RunReport> {
    const started = this.clock.monotonicNow();
    const report: RunReport = { source: recipe.name, mentions: [], pages: 0, seen: 0, broken: [], targets: [], durationMs: 0 };
    const seenIds = new Set<string>();
    const deadline = started + recipe.limits.seconds * 1000;
    let cookies: Cookie[] = [];
    try {
      cookies = recipe.fetch.cookiesFile ? await readCookiesFile(recipe.fetch.cookiesFile) : [];
    } catch (e) {
      report.failure = { reason: (e as Error).message, blocked: true };
    }
    for (const target of report.failure ? [] : targets) {
      const outcome = await this.runTarget(recipe, target, cookies, { report, seenIds, deadline });
      report.targets.push(outcome);
      if (outcome.error && !report.failure) report.failure = { reason: `${target.label}: ${outcome.error}`, blocked: outcome.blocked ?? false };
      this.log.log({ event: 'source.query_done', source: recipe.name, brand: target.brand, target: target.label, pages: outcome.pages, items: outcome.items, stoppedBy: outcome.stoppedBy, ...(outcome.error ? { error: outcome.error } : {}) });
    }
    report.durationMs = Math.round(this.clock.monotonicNow() - started);
    return report;
  }

  private async runTarget(
    recipe: Recipe,
    target: RunTarget,
    cookies: Cookie[],
    run: { report: RunReport; seenIds: Set<string>; deadline: number },
  ): Promise<TargetOutcome> {
    const outcome: TargetOutcome = { target: target.label, pages: 0, items: 0, stoppedBy: 'single-page' };
    const memory = { cursors: new Set<string>(), urls: new Set<string>() };
    let request: PageRequest | { stop: StopReason } = firstRequest(recipe);
    while (!('stop' in request)) {
      if (this.clock.monotonicNow() >= run.deadline) return { ...outcome, stoppedBy: 'time-limit' };
      if (run.report.mentions.length >= recipe.limits.items) return { ...outcome, stoppedBy: 'item-limit' };
      const current: PageRequest = request;
      try {
        const spec = this.requestSpec(recipe, target, current);
        const page = await this.fetcher.load(recipe, spec, cookies);
        if (recipe.pagination.type === 'page' && recipe.pagination.endStatus.includes(page.status) && current.index > 1)
          return { ...outcome, stoppedBy: 'end-status' };
        const blocked = findBlock(page.body, recipe);
        if (blocked) throw new QueryFailure(blocked, true);
        if (page.status >= 400) throw new QueryFailure(statusReason(page.status, spec.url), page.status === 401 || page.status === 403);
        const extract = extractPage(parsePage(page.body, recipe), recipe);
        const now = this.clock.now();
        let newItems = 0;
        for (const item of extract.items) {
          const mapped = toMention(item, recipe, { brand: target.brand, pageUrl: page.url, now });
          if (!mapped.ok) {
            run.report.broken.push(`${spec.url}: ${mapped.error}`);
            continue;
          }
          for (const reason of mapped.dropped) {
            this.log.warn({ event: 'source.link_dropped', source: recipe.name, page: spec.url, reason });
            (run.report.dropped ??= []).push(`${spec.url}: ${reason}`);
          }
          if (run.seenIds.has(mapped.mention.externalId)) continue;
          run.seenIds.add(mapped.mention.externalId);
          if (run.report.mentions.length >= recipe.limits.items) break;
          run.report.mentions.push(mapped.mention);
          newItems++;
        }
        outcome.pages++;
        outcome.items += newItems;
        run.report.pages++;
        run.report.seen += extract.found;
        request = nextRequest(recipe, current, { ...extract, newItems, pageUrl: page.url }, memory);
        if ('stop' in request) outcome.stoppedBy = request.stop;
      } catch (e) {
        if (e instanceof QueryFailure || e instanceof PageProblem || e instanceof FetchFailure) {
          const blocked = e instanceof QueryFailure ? e.blocked : e instanceof PageProblem && e.kind === 'blocked';
          return { ...outcome, stoppedBy: 'error', error: e.message, blocked };
        }
        throw e;
      }
    }
    return outcome;
  }

  private requestSpec(recipe: Recipe, target: RunTarget, req: PageRequest): PageRequestSpec {
    const vars = { ...target.vars, page: req.page, cursor: req.cursor };
    const url = req.url ?? fillTemplate(recipe.fetch.url, vars, 'url');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(recipe.fetch.headers)) {
      const filled = fillEnv(value, this.env);
      if (filled.missing.length > 0) throw new QueryFailure(`header ${name} needs the environment variable ${filled.missing.join(', ')}; set it where goldenhour runs`, true);
      headers[name] = filled.value;
    }
    const body = recipe.fetch.form
      ? new URLSearchParams(Object.entries(recipe.fetch.form).map(([k, v]) => [k, fillTemplate(v, vars, 'text')])).toString()
      : undefined;
    return { url, headers, body };
  }
}

function statusReason(status: number, url: string): string {
  if (status === 401 || status === 403) return `HTTP ${status} from ${hostOf(url)}: access denied (login expired or blocked); export fresh cookies or check the token`;
  if (status === 429) return `HTTP 429 from ${hostOf(url)}: still rate limited after retries; lower the schedule frequency or politeness.minIntervalMs`;
  return `HTTP ${status} from ${hostOf(url)}`;
}
