import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { Runtime } from '../platform/runtime.js';
import { DetectionService } from './detection.service.js';

/** The scheduled detection pass (every `detection.intervalSeconds`, 60 s by default). Ticks never overlap. */
@Injectable()
export class DetectionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DetectionJob.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly detection: DetectionService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly runtime: Runtime,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.runtime.scheduling) return;
    this.timer = setInterval(() => void this.tick(), this.config.detection.intervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass at the clock's current time; a tick that finds the previous one still running waits for it. */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.detection
      .runDetection(this.clock.now())
      .then((changed) => {
        if (changed.length) this.logger.log({ event: 'detection_pass', changed: changed.length, signals: changed.map((s) => s.key) });
      })
      .catch((err: Error) => this.logger.error({ event: 'detection_pass_failed', error: err.message }))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
