import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { addCounts, type KindCounts } from '../core/privacy/holder.js';
import { retentionCutoffs } from '../core/privacy/retention.js';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { JobRegistry } from '../platform/jobs/job-registry.js';
import { PrivacyRepository } from './privacy.repository.js';
import { PrivacyService } from './privacy.service.js';

/**
 * Least pause between purge steps. Each pause lasts at least as long as the step before it took, so the
 * purge holds the database (FerretDB has one SQLite writer) at most half the time and ingest the rest.
 */
const STEP_PAUSE_MS = 5;

/**
 * The purge job (`retention`): every `privacy.retention.purgeEveryMinutes` (and once at start) removes what is past
 * retention — whole day partitions of mentions and story members, journal hours, index and audit months;
 * evidence copies, story and resolved-case post copies, sentiment labels and sent notification bodies
 * `batch` documents a step — and logs the counts by kind. Counters in the
 * ledger are never touched. Works the same on FerretDB (no TTL indexes) and MongoDB.
 */
@Injectable()
export class RetentionJob implements OnModuleInit {
  private readonly logger = new Logger(RetentionJob.name);

  constructor(
    private readonly privacy: PrivacyService,
    private readonly repo: PrivacyRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jobs: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.jobs.declare({ name: 'retention', schedule: { everyMs: this.config.privacy.retention.purgeEveryMinutes * 60_000 }, runAtStart: true, run: () => this.purge() });
  }

  /** One pass on demand (the CLI, tests); a pass already running is waited for first. */
  tick(): Promise<void> {
    return this.jobs.run('retention', this.clock.now());
  }

  /** Removes what is due now; returns what was removed, by kind. */
  async purge(): Promise<KindCounts> {
    const started = performance.now();
    const retention = this.config.privacy.retention;
    const cutoffs = retentionCutoffs(this.clock.now(), retention);
    let stepStarted = performance.now();
    const pause = async () => {
      await new Promise<void>((r) => setTimeout(r, Math.max(STEP_PAUSE_MS, performance.now() - stepStarted)));
      stepStarted = performance.now();
    };
    const removed: KindCounts = {};
    for (const h of this.privacy.allHolders()) {
      try {
        addCounts(removed, await h.purge(cutoffs, retention.batch, pause));
      } catch (err) {
        // One holder failing leaves the others to do their part; the next pass tries it again.
        this.logger.error({ event: 'retention_purge_failed', holder: h.name, error: (err as Error).message });
      }
    }
    addCounts(removed, { audit: await this.repo.dropAuditBefore(cutoffs.auditMonth) });
    this.logger.log({ event: 'retention_purge', removed, mentionsBefore: cutoffs.mentionDay, ms: Math.round(performance.now() - started) });
    return removed;
  }
}
