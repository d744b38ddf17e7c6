import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { JobRegistry } from '../platform/jobs/job-registry.js';
import { AlertsService } from './alerts.service.js';

/** The timer tick (job `alerts`): flushes groups whose group_wait, group_interval or repeat_interval has passed, with no new signals. */
@Injectable()
export class AlertsScheduler implements OnModuleInit {
  constructor(
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly jobs: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.jobs.declare({ name: 'alerts', schedule: { everyMs: this.config.alerts.evaluateSeconds * 1000 }, run: async (now) => void (await this.alerts.process([], now)) });
  }

  tick(): Promise<void> {
    return this.jobs.run('alerts', this.clock.now());
  }
}
