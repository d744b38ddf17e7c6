import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { Runtime } from '../platform/runtime.js';
import { AlertsService } from './alerts.service.js';

/** The timer tick: flushes groups whose group_wait, group_interval or repeat_interval has passed, with no new signals. */
@Injectable()
export class AlertsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertsScheduler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly runtime: Runtime,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.runtime.scheduling) return;
    this.timer = setInterval(() => void this.tick(), this.config.alerts.evaluateSeconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    try {
      await this.alerts.process([], this.clock.now());
    } catch (err) {
      this.logger.error({ event: 'alerts_tick_failed', error: (err as Error).message });
    }
  }
}
