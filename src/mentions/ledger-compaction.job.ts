import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { JobRegistry } from '../platform/jobs/job-registry.js';
import { StoriesService } from '../stories/stories.service.js';
import { BucketsRepository } from './buckets.repository.js';
import { SourceCounts } from './source-counts.service.js';

/** How often the days ingest marked dirty are compacted. */
export const COMPACT_EVERY_MS = 30_000;

/**
 * Keeps the insert-only ledgers small (job `ledger-compaction`): every 30 s (and when first held) folds
 * the deltas of the days ingest marked dirty into one summary per brand and day (counters) and per story
 * (stories), and per brand and day (source counts). Readers are exact without it; it only bounds how many documents they read.
 */
@Injectable()
export class LedgerCompactionJob implements OnModuleInit {
  private readonly logger = new Logger(LedgerCompactionJob.name);

  constructor(
    private readonly buckets: BucketsRepository,
    private readonly stories: StoriesService,
    private readonly sources: SourceCounts,
    private readonly clock: Clock,
    private readonly jobs: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.jobs.declare({ name: 'ledger-compaction', schedule: { everyMs: COMPACT_EVERY_MS }, runAtStart: true, run: () => this.pass() });
  }

  /** One pass on demand; a pass already running is waited for first. */
  tick(): Promise<void> {
    return this.jobs.run('ledger-compaction', this.clock.now());
  }

  private async pass(): Promise<void> {
    const started = performance.now();
    const days = await this.buckets.compact();
    const storyDays = await this.stories.compact();
    const sourceDays = await this.sources.compact();
    if (days || storyDays || sourceDays) this.logger.debug({ event: 'ledger_compaction', days, storyDays, sourceDays, ms: Math.round(performance.now() - started) });
  }
}
