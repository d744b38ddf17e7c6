import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BrandsService } from '../brands/brands.service.js';
import { DetectionService } from '../detection/detection.service.js';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { JobRegistry } from '../platform/jobs/job-registry.js';
import { EscalationService } from './escalation.service.js';

/**
 * The two jobs that feed the escalation use case, declared here (above detection and alerts) so control runs
 * one way: job `detection` (one unit and lease per brand, every `detection.intervalSeconds`, 60 s by default)
 * runs a detection pass and escalates the signals it changed; job `alerts` (every `alerts.evaluateSeconds`)
 * escalates no signals, flushing groups whose group_wait, group_interval or repeat_interval has passed.
 * A daemon that takes a brand over rebuilds its detector state from the stored buckets at its first pass;
 * `/readyz` waits for the first detection passes this daemon holds.
 */
@Injectable()
export class EscalationJobs implements OnModuleInit {
  private readonly logger = new Logger(EscalationJobs.name);

  constructor(
    private readonly detection: DetectionService,
    private readonly escalation: EscalationService,
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
      run: (now, brand) => this.detect(now, brand!),
      onTakeOver: (brand) => this.detection.forgetBrand(brand!),
    });
    this.jobs.declare({ name: 'alerts', schedule: { everyMs: this.config.alerts.evaluateSeconds * 1000 }, run: async (now) => void (await this.escalation.escalate([], now)) });
  }

  private async detect(now: Date, brand: string): Promise<void> {
    const changed = await this.detection.runDetection(now, [brand]);
    if (changed.length) this.logger.log({ event: 'detection_pass', brand, changed: changed.length, signals: changed.map((s) => s.key) });
    try {
      await this.escalation.escalate(changed, this.clock.now());
    } catch (err) {
      // The brand's detection pass is done and stored; the next pass or the alerts timer escalates again.
      this.logger.error({ event: 'escalation_failed', brand, error: (err as Error).message });
    }
  }
}
