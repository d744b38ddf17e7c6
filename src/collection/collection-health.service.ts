import { Injectable, Logger } from '@nestjs/common';
import { NEW_SOURCE, observeYield, type RunYield } from '../core/sources/collection-gap.js';
import { CollectionRepository, type CollectionGap, type SourceHealthRecord } from './collection.repository.js';

/**
 * Collection health per source: after every run, the source's expected yield and run interval are updated and a
 * collection gap opens (silent or far below its usual for longer than its schedule allows) or closes (items flow
 * again). Detection reads the gaps: they become collection_gap signals and are left out of the baselines.
 */
@Injectable()
export class CollectionHealthService {
  private readonly logger = new Logger(CollectionHealthService.name);

  constructor(private readonly repo: CollectionRepository) {}

  /** Records one run of `source` (collecting `platform` for `brands`). */
  async afterRun(source: string, platform: string, brands: string[], run: RunYield): Promise<void> {
    const before = (await this.repo.get(source)) ?? { source, platform, ...NEW_SOURCE };
    const { health, event } = observeYield(before, run, run.at);
    await this.repo.save({ ...health, source, platform });
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

  list(): Promise<SourceHealthRecord[]> {
    return this.repo.list();
  }

  gapsOf(brand: string, from: Date, to: Date): Promise<CollectionGap[]> {
    return this.repo.gapsOf(brand, from, to);
  }
}
