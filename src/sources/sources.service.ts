import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { BrandsService } from '../brands/brands.service.js';
import { CollectionHealthService } from '../collection/collection-health.service.js';
import type { Recipe } from '../core/sources/recipe.js';
import { healthAfterRun, HEALTHY, isPaused, type RunVerdict } from '../core/sources/source-health.js';
import { planTargets } from '../core/sources/targets.js';
import { IngestService } from '../mentions/ingest.service.js';
import { randomUUID } from 'node:crypto';
import { Clock } from '../platform/clock.js';
import { currentHold } from '../platform/leases/fence.js';
import { LeaseService } from '../platform/leases/lease.service.js';
import { AppConfig } from '../platform/config/app-config.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import { formatRecipeError, loadRecipes, type LoadedRecipe } from './recipe-loader.js';
import { createScrapeRuntime, type ScrapeRuntime } from './scrape-runtime.js';
import type { SourceRun, SourceState } from './source-run.js';
import type { RunReport } from './source-runner.js';
import { SourcesRepository } from './sources.repository.js';

/** Environment variables recipes may reference as ${env:NAME} (header secrets). */
export const SOURCE_ENV = Symbol('SOURCE_ENV');

/** A source as `GET /api/v1/sources` lists it. */
export interface SourceView {
  name: string;
  platform: string;
  mode: Recipe['fetch']['mode'];
  schedule: string;
  enabled: boolean;
  file: string | null;
  state: Omit<SourceState, 'source'>;
  lastRun?: SourceRun;
}

/**
 * The use cases of scraping: run one source (circuit breaker → fetch and extract → ingest → record
 * the run and the health), run them all with each in its own try/catch, list them with their health.
 */
@Injectable()
export class SourcesService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SourcesService.name);
  private readonly recipes = new Map<string, LoadedRecipe | { file: null; recipe: Recipe }>();
  private readonly scrape: ScrapeRuntime;

  constructor(
    private readonly repo: SourcesRepository,
    private readonly ingest: IngestService,
    private readonly brands: BrandsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly collection: CollectionHealthService,
    private readonly leases: LeaseService,
    @Inject(SOURCE_ENV) env: Record<string, string | undefined>,
  ) {
    this.scrape = createScrapeRuntime({
      now: () => this.clock.now(),
      env,
      log: { log: (e) => this.logger.log(e), warn: (e) => this.logger.warn(e) },
    });
  }

  async onModuleInit(): Promise<void> {
    const { recipes, errors } = await loadRecipes(this.config.scrapersDir);
    for (const e of errors) this.logger.warn({ event: 'source.recipe_invalid', file: e.file, line: e.line, error: formatRecipeError(e) });
    for (const loaded of recipes) this.recipes.set(loaded.recipe.name, loaded);
    this.logger.log({ event: 'source.recipes_loaded', dir: this.config.scrapersDir, count: recipes.length, enabled: recipes.filter((r) => r.recipe.enabled).length });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scrape.close();
  }

  /** Adds or replaces a recipe given in code (demo mode); register before the application bootstraps to have it scheduled. */
  register(recipe: Recipe): void {
    this.recipes.set(recipe.name, { file: null, recipe });
  }

  has(name: string): boolean {
    return this.recipes.has(name);
  }

  enabledRecipes(): Recipe[] {
    return [...this.recipes.values()].map((r) => r.recipe).filter((r) => r.enabled);
  }

  async list(): Promise<SourceView[]> {
    const states = new Map((await this.repo.states()).map((s) => [s.source, s]));
    return Promise.all(
      [...this.recipes.values()].map(async ({ file, recipe }) => {
        const { source: _source, ...state } = states.get(recipe.name) ?? { source: recipe.name, ...HEALTHY };
        const [lastRun] = await this.repo.latestRuns(recipe.name, 1);
        return { name: recipe.name, platform: recipe.platform, mode: recipe.fetch.mode, schedule: recipe.schedule, enabled: recipe.enabled, file, state, ...(lastRun ? { lastRun } : {}) };
      }),
    );
  }

  /** Runs every enabled source once; one source failing never stops the others. */
  async runAll(): Promise<void> {
    for (const recipe of this.enabledRecipes()) {
      try {
        await this.run(recipe.name);
      } catch (err) {
        this.logger.error({ event: 'source.run_crashed', source: recipe.name, error: (err as Error).message });
      }
    }
  }

  /** Runs one source now. A source whose circuit is open is skipped unless `force`; one another run (or replica) holds is skipped. */
  async run(name: string, opts: { force?: boolean; observe?: (report: RunReport) => void } = {}): Promise<SourceRun> {
    const entry = this.recipes.get(name);
    if (!entry) throw new Error(`no source named "${name}" (known: ${[...this.recipes.keys()].join(', ') || 'none'})`);
    const { recipe } = entry;
    const startedAt = this.clock.now();
    const before = (await this.repo.state(name)) ?? { source: name, ...HEALTHY };
    const paused = !opts.force && isPaused(before, startedAt);
    // A scheduled run holds the job's lease `source:<name>` already (renewed while it runs, taken over when
    // its daemon dies). A run on demand (API, demo) takes a run lease that outlives the run's own time limit
    // with a margin; its owner is this run, so two runs on demand in one daemon also exclude each other.
    const scheduled = currentHold()?.scope === `source:${name}`;
    const ttlMs = (recipe.limits.seconds * 2 + 60) * 1000;
    const hold = paused ? undefined : scheduled ? currentHold() : await this.leases.acquire(`source-run:${name}`, ttlMs, `${this.leases.owner}/${randomUUID()}`);
    if (!hold) {
      const why = paused ? `circuit open until ${before.pausedUntil!.toISOString()}: ${before.reason}` : 'another run of this source is still going';
      this.metrics.counter('goldenhour_source_runs_total', 'Source runs by outcome', ['source', 'outcome']).inc({ source: name, outcome: 'skipped' });
      this.logger.log({ event: 'source.run_skipped', source: name, reason: why });
      const skipped: SourceRun = { source: name, startedAt, durationMs: 0, outcome: 'skipped', pages: 0, seen: 0, new: 0, updated: 0, unchanged: 0, broken: 0, rejected: 0, targets: [], problems: [why] };
      await this.repo.recordRun(skipped);
      return skipped;
    }
    try {
      return await this.runUnguarded(recipe, before, startedAt, opts.observe);
    } finally {
      if (!scheduled) await this.leases.release(hold);
    }
  }

  private async runUnguarded(recipe: Recipe, before: SourceState, startedAt: Date, observe?: (report: RunReport) => void): Promise<SourceRun> {
    const plan = planTargets(recipe, await this.brands.list());
    const report: RunReport = plan.ok
      ? await this.scrape.runner.run(recipe, plan.targets)
      : { source: recipe.name, mentions: [], pages: 0, seen: 0, broken: [], targets: [], failure: { reason: plan.error, blocked: true }, durationMs: 0 };
    observe?.(report);
    // Fenced: a daemon paused past its lease of this source (another has run it since) stores nothing.
    await this.leases.fence();
    const ingested = report.mentions.length > 0 ? await this.ingest.ingest(report.mentions, { source: recipe.name }) : undefined;
    const verdict: RunVerdict = report.failure ? { ok: false, ...report.failure } : { ok: true };
    const finishedAt = this.clock.now();
    const health = healthAfterRun(before, verdict, finishedAt);
    const run: SourceRun = {
      source: recipe.name,
      startedAt,
      durationMs: report.durationMs,
      outcome: verdict.ok ? 'ok' : 'degraded',
      pages: report.pages,
      seen: report.seen,
      new: ingested?.imported ?? 0,
      updated: ingested?.updated ?? 0,
      unchanged: ingested?.unchanged ?? 0,
      broken: report.broken.length,
      rejected: ingested?.rejected.length ?? 0,
      targets: report.targets.map(({ blocked: _blocked, ...t }) => t),
      problems: [...(report.failure ? [report.failure.reason] : []), ...report.broken.slice(0, 20), ...(report.dropped ?? []).slice(0, 20), ...(ingested?.rejected.slice(0, 20).map((r) => `ingest: ${r.error}`) ?? [])],
    };
    await this.repo.recordRun(run);
    await this.repo.saveState({ source: recipe.name, ...health, lastRunAt: finishedAt, lastSuccessAt: verdict.ok ? finishedAt : before.lastSuccessAt });
    const brands = plan.ok ? [...new Set(plan.targets.map((t) => t.brand))] : [];
    const byBrand: Record<string, number> = {};
    for (const m of report.mentions) byBrand[m.brand] = (byBrand[m.brand] ?? 0) + 1;
    await this.collection.afterRun(recipe.name, recipe.platform, brands, { at: finishedAt, items: report.seen, ...(report.failure ? { failure: report.failure.reason } : {}) }, byBrand);
    this.count(run, health.status === 'degraded');
    const event = { event: 'source.run_done', source: recipe.name, outcome: run.outcome, pages: run.pages, seen: run.seen, new: run.new, updated: run.updated, broken: run.broken, durationMs: run.durationMs };
    if (verdict.ok) this.logger.log(event);
    else this.logger.warn({ ...event, reason: verdict.reason, pausedUntil: health.pausedUntil?.toISOString() });
    return run;
  }

  private count(run: SourceRun, degraded: boolean): void {
    const labels = { source: run.source };
    this.metrics.counter('goldenhour_source_runs_total', 'Source runs by outcome', ['source', 'outcome']).inc({ ...labels, outcome: run.outcome });
    const items = this.metrics.counter('goldenhour_source_items_total', 'Items seen by sources, by what became of them', ['source', 'kind']);
    for (const kind of ['seen', 'new', 'updated', 'broken', 'rejected'] as const) items.inc({ ...labels, kind }, run[kind]);
    this.metrics.counter('goldenhour_source_pages_total', 'Pages fetched by sources', ['source']).inc(labels, run.pages);
    this.metrics.histogram('goldenhour_source_run_duration_seconds', 'Duration of source runs', ['source'], [0.5, 1, 5, 15, 30, 60, 120, 300]).observe(labels, run.durationMs / 1000);
    this.metrics.gauge('goldenhour_source_degraded', '1 while a source is degraded', ['source']).set(labels, degraded ? 1 : 0);
  }
}
