import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { PeriodicTask } from '../platform/periodic-task.js';
import { Runtime } from '../platform/runtime.js';
import { Readiness } from '../platform/health/readiness.js';
import { DetectionService } from './detection.service.js';

/** The scheduled detection pass (every `detection.intervalSeconds`, 60 s by default). Ticks never overlap. */
@Injectable()
export class DetectionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DetectionJob.name);
  private readonly task = new PeriodicTask('detection_pass', () => this.pass(), this.logger);

  constructor(
    private readonly detection: DetectionService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly runtime: Runtime,
    private readonly readiness: Readiness,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.runtime.scheduling) return;
    // The first pass reads each detector's whole window; ready once it is done.
    this.task.start(this.config.detection.intervalSeconds * 1000, { runAtStart: true });
    this.readiness.track('detection', this.task.run());
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass at the clock's current time; a tick that finds the previous one still running waits for it. */
  tick(): Promise<void> {
    return this.task.run();
  }

  private async pass(): Promise<void> {
    const changed = await this.detection.runDetection(this.clock.now());
    if (changed.length) this.logger.log({ event: 'detection_pass', changed: changed.length, signals: changed.map((s) => s.key) });
  }
}
