import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '../platform/periodic-task.js';
import { Runtime } from '../platform/runtime.js';
import { StoriesService } from '../stories/stories.service.js';
import { BucketsRepository } from './buckets.repository.js';

/** How often the days ingest marked dirty are compacted. */
export const COMPACT_EVERY_MS = 30_000;

/**
 * Keeps the insert-only ledgers small: every 30 s (and once at start) folds the deltas of the days ingest
 * marked dirty into one summary per brand and day (counters) and per story (stories). Readers are exact
 * without it; it only bounds how many documents they read. Several daemons may run it at once (the
 * loser of a race stops).
 */
@Injectable()
export class LedgerCompactionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LedgerCompactionJob.name);
  private readonly task = new PeriodicTask('ledger_compaction', () => this.pass(), this.logger);

  constructor(
    private readonly buckets: BucketsRepository,
    private readonly stories: StoriesService,
    private readonly runtime: Runtime,
  ) {}

  onApplicationBootstrap(): void {
    if (this.runtime.scheduling) this.task.start(COMPACT_EVERY_MS, { runAtStart: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass on demand; a tick that finds the previous one still running waits for it instead. */
  tick(): Promise<void> {
    return this.task.run();
  }

  private async pass(): Promise<void> {
    const started = performance.now();
    const days = await this.buckets.compact();
    const storyDays = await this.stories.compact();
    if (days || storyDays) this.logger.debug({ event: 'ledger_compaction', days, storyDays, ms: Math.round(performance.now() - started) });
  }
}
