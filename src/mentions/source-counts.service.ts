import { Injectable, type OnModuleInit } from '@nestjs/common';
import { sourceTotals } from '../core/mention/source-counts.js';
import { IngestService } from './ingest.service.js';
import { SourceCountsRepository } from './source-counts.repository.js';

/**
 * Which sources bring a brand's mentions, hour by hour: counts each ingest batch's new mentions by source
 * (a subscriber of ingest: one insert per day the batch touched) and totals them over a range.
 */
@Injectable()
export class SourceCounts implements OnModuleInit {
  constructor(
    private readonly ingest: IngestService,
    private readonly repo: SourceCountsRepository,
  ) {}

  onModuleInit(): void {
    this.ingest.onStored((mentions) => this.repo.add(mentions));
  }

  /** A brand's new mentions per source published in the hours overlapping [from, to). */
  async totals(brand: string, from: Date, to: Date): Promise<Record<string, number>> {
    return sourceTotals(await this.repo.ofRange(brand, from.getTime(), to.getTime()), from.getTime(), to.getTime());
  }

  /** Totals over [from, to) and over the usual period [usualFrom, from) before it, from one read of the days they span. */
  async nowAndUsual(brand: string, usualFrom: Date, from: Date, to: Date): Promise<{ now: Record<string, number>; usual: Record<string, number> }> {
    const days = await this.repo.ofRange(brand, usualFrom.getTime(), to.getTime());
    return { now: sourceTotals(days, from.getTime(), to.getTime()), usual: sourceTotals(days, usualFrom.getTime(), from.getTime()) };
  }

  /** Folds the counts' deltas (the ledger compaction job runs it). */
  compact(): Promise<number> {
    return this.repo.compact();
  }
}
