import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { ErasureGeneration } from '../platform/database/erasure-generation.js';
import { AppConfig } from '../platform/config/app-config.js';
import { PeriodicTask } from '../platform/periodic-task.js';
import { Runtime } from '../platform/runtime.js';
import { DashboardService } from './dashboard.service.js';

/**
 * Keeps the preset dashboards warm: every `dashboard.cacheSeconds` (and once at start) it computes the
 * snapshots that are due, so a request, even the first one after a restart, finds one ready. An erasure
 * made by any process (the command line too) drops the snapshots first: they may list the erased posts.
 */
@Injectable()
export class DashboardRefreshJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DashboardRefreshJob.name);
  private readonly task = new PeriodicTask('dashboard_refresh', () => this.pass(), this.logger);
  private readonly erasures: ErasureGeneration;
  private erasuresSeen: number | null = null;

  constructor(
    private readonly dashboards: DashboardService,
    private readonly config: AppConfig,
    private readonly runtime: Runtime,
    @InjectConnection() connection: Connection,
  ) {
    this.erasures = new ErasureGeneration(() => connection.db!);
  }

  onApplicationBootstrap(): void {
    const every = this.config.dashboard.cacheSeconds * 1000;
    if (this.runtime.scheduling && every > 0) this.task.start(every, { runAtStart: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass; a tick that finds the previous one still running waits for it instead. */
  tick(): Promise<void> {
    return this.task.run();
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
