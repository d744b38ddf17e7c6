import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { ErasureGeneration } from '../platform/database/erasure-generation.repository.js';
import { AppConfig } from '../platform/config/app-config.js';
import { JobRegistry } from '../platform/jobs/job-registry.js';
import { DashboardService } from './dashboard.service.js';

/**
 * Keeps the preset dashboards warm (job `dashboard-refresh`): every `dashboard.cacheSeconds` (and once at
 * start) it computes the snapshots that are due, so a request, even the first one after a restart, finds
 * one ready. Snapshots live in each daemon's memory, so every daemon runs it for itself (a local job).
 * An erasure made by any process (the command line too) drops the snapshots first: they may list the
 * erased posts.
 */
@Injectable()
export class DashboardRefreshJob implements OnModuleInit {
  private readonly logger = new Logger(DashboardRefreshJob.name);
  private erasuresSeen: number | null = null;

  constructor(
    private readonly dashboards: DashboardService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jobs: JobRegistry,
    private readonly erasures: ErasureGeneration,
  ) {}

  onModuleInit(): void {
    const every = this.config.dashboard.cacheSeconds * 1000;
    // 0: no snapshots, every request computes; nothing to keep warm.
    if (every > 0) this.jobs.declare({ name: 'dashboard-refresh', schedule: { everyMs: every }, local: true, runAtStart: true, run: () => this.pass() });
  }

  /** One pass; a pass already running is waited for first. */
  async tick(): Promise<void> {
    if (this.config.dashboard.cacheSeconds > 0) await this.jobs.run('dashboard-refresh', this.clock.now());
  }

  private async pass(): Promise<void> {
    const started = performance.now();
    const erasures = await this.erasures.current();
    if (this.erasuresSeen !== null && erasures !== this.erasuresSeen) this.dashboards.forgetSnapshots();
    this.erasuresSeen = erasures;
    const refreshed = await this.dashboards.refreshSnapshots();
    if (refreshed) this.logger.debug({ event: 'dashboard_refresh', refreshed, ms: Math.round(performance.now() - started) });
  }
}
