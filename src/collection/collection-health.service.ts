import { Injectable, Logger } from '@nestjs/common';
import { brandPlatformHealth, observeBrandYields, type BrandPlatformHealth } from '../core/sources/brand-yield.js';
import { NEW_SOURCE, observeYield, YIELD_POLICY, type RunYield } from '../core/sources/collection-gap.js';
import { CollectionRepository, type CollectionGap, type SourceHealthRecord } from './collection.repository.js';

export interface SourceHealthView {
  source: string;
  platform: string;
  brands: string[];
  status: 'learning' | 'ok' | 'degraded' | 'gap';
  expectedYield: number;
  lastYield: number;
  runIntervalMinutes: number;
  lastRunAt?: Date;
  minutesSinceLastRun?: number;
  lastGoodAt?: Date;
  gapSince?: Date;
  degradedReason?: string;
}

/**
 * Collection health per source: after every run, the source's expected yield and run interval are updated and a
 * collection gap opens (silent or far below its usual for longer than its schedule allows) or closes (items flow
 * again). Detection reads the gaps: they become collection_gap signals and are left out of the baselines.
 */
@Injectable()
export class CollectionHealthService {
  private readonly logger = new Logger(CollectionHealthService.name);

  constructor(private readonly repo: CollectionRepository) {}

  /**
   * Records one run of `source` (collecting `platform` for `brands`); `byBrand` is what it saw for each brand
   * (a one-brand source's run counts wholly for its brand when not given).
   */
  async afterRun(source: string, platform: string, brands: string[], run: RunYield, byBrand?: Record<string, number>): Promise<void> {
    const before = (await this.repo.get(source)) ?? { source, platform, ...NEW_SOURCE };
    const { health, event } = observeYield(before, run, run.at);
    const items = byBrand ?? (brands.length === 1 ? { [brands[0]!]: run.items } : {});
    const brandYields = observeBrandYields(before.brandYields ?? [], Object.fromEntries(brands.map((b) => [b, items[b] ?? 0])), run);
    await this.repo.save({ ...health, source, platform, brands, brandYields });
    if (!event) return;
    const gap: CollectionGap = { source, platform, brands, since: event.since, ...(event.type === 'closed' ? { until: event.until } : { reason: event.reason }) };
    if (event.type === 'closed') {
      const open = (await this.repo.gapsOf(brands[0] ?? '', event.since, event.until)).find((g) => g.source === source && g.since.getTime() === event.since.getTime());
      gap.brands = open?.brands ?? brands;
      gap.reason = open?.reason;
    }
    await this.repo.saveGap(gap);
    this.logger.warn({ event: `collection.gap_${event.type}`, source, platform, since: event.since.toISOString(), ...(event.type === 'opened' ? { reason: event.reason } : { until: event.until.toISOString() }) });
  }

  /**
   * Opens a gap for every source that has not had a good run for longer than its schedule allows — also one
   * that stopped running at all (paused, crashed, switched off), which no run record would ever report.
   * Reads the one small document per source.
   */
  async checkSilent(now: Date): Promise<number> {
    let opened = 0;
    for (const record of await this.repo.list()) {
      const { health, event } = observeYield(record, undefined, now);
      if (event?.type !== 'opened') continue;
      await this.repo.save({ ...record, ...health });
      await this.repo.saveGap({ source: record.source, platform: record.platform, brands: record.brands ?? [], since: event.since, reason: event.reason });
      this.logger.warn({ event: 'collection.gap_opened', source: record.source, platform: record.platform, since: event.since.toISOString(), reason: event.reason });
      opened++;
    }
    return opened;
  }

  list(): Promise<SourceHealthRecord[]> {
    return this.repo.list();
  }

  /** The health API's view: each source with its status (learning its usual yield, ok, degraded, or in a gap). */
  async overview(now: Date): Promise<SourceHealthView[]> {
    return (await this.repo.list()).sort((a, b) => a.source.localeCompare(b.source)).map((r) => ({
      source: r.source,
      platform: r.platform,
      brands: r.brands ?? [],
      status: r.gapSince ? 'gap' : r.goodRuns < YIELD_POLICY.minRuns ? 'learning' : r.degradedReason ? 'degraded' : 'ok',
      expectedYield: Math.round(r.expectedYield * 10) / 10,
      lastYield: r.lastYield,
      runIntervalMinutes: Math.round(r.runIntervalMs / 6_000) / 10,
      ...(r.lastRunAt ? { lastRunAt: r.lastRunAt, minutesSinceLastRun: Math.round((now.getTime() - r.lastRunAt.getTime()) / 60_000) } : {}),
      ...(r.lastGoodAt ? { lastGoodAt: r.lastGoodAt } : {}),
      ...(r.gapSince ? { gapSince: r.gapSince } : {}),
      ...(r.degradedReason ? { degradedReason: r.degradedReason } : {}),
    }));
  }

  /** The health API's brand × platform view: what the sources usually collect for each brand per hour, and whether they still do. */
  async brandPlatforms(now: Date): Promise<BrandPlatformHealth[]> {
    return brandPlatformHealth(await this.repo.list(), now);
  }

  gapsOf(brand: string, from: Date, to: Date): Promise<CollectionGap[]> {
    return this.repo.gapsOf(brand, from, to);
  }
}
