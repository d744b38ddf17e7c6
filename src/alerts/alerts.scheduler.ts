import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { PeriodicTask } from '../platform/periodic-task.js';
import { Runtime } from '../platform/runtime.js';
import { AlertsService } from './alerts.service.js';

/** The timer tick: flushes groups whose group_wait, group_interval or repeat_interval has passed, with no new signals. */
@Injectable()
export class AlertsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertsScheduler.name);
  private readonly task = new PeriodicTask('alerts_tick', async () => void (await this.alerts.process([], this.clock.now())), this.logger);

  constructor(
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly runtime: Runtime,
  ) {}

  onApplicationBootstrap(): void {
    if (this.runtime.scheduling) this.task.start(this.config.alerts.evaluateSeconds * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  tick(): Promise<void> {
    return this.task.run();
  }
}
