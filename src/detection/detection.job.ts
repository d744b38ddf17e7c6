import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BrandsService } from '../brands/brands.service.js';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { JobRegistry } from '../platform/jobs/job-registry.js';
import { DetectionService } from './detection.service.js';

/**
 * The scheduled detection pass (job `detection`, one unit and lease per brand, every
 * `detection.intervalSeconds`, 60 s by default). A daemon that takes a brand over rebuilds its detector
 * state from the stored buckets at its first pass; `/readyz` waits for the first passes this daemon holds.
 */
@Injectable()
export class DetectionJob implements OnModuleInit {
  private readonly logger = new Logger(DetectionJob.name);

  constructor(
    private readonly detection: DetectionService,
    private readonly brands: BrandsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly jobs: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.jobs.declare({
      name: 'detection',
      schedule: { everyMs: this.config.detection.intervalSeconds * 1000 },
      units: async () => (await this.brands.list()).map((b) => b.id),
      runAtStart: true,
      warmUp: true,
      run: (now, brand) => this.pass(now, brand!),
      onTakeOver: (brand) => this.detection.forgetBrand(brand!),
    });
  }

  /** One pass over every brand at the clock's current time; a brand's pass already running is waited for first. */
  tick(): Promise<void> {
    return this.jobs.run('detection', this.clock.now());
  }

  private async pass(now: Date, brand: string): Promise<void> {
    const changed = await this.detection.runDetection(now, [brand]);
    if (changed.length) this.logger.log({ event: 'detection_pass', brand, changed: changed.length, signals: changed.map((s) => s.key) });
  }
}
