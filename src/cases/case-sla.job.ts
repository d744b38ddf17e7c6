import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { JobRegistry } from '../platform/jobs/job-registry.js';
import { CaseSlaService } from './case-sla.service.js';

/** The scheduled case SLA check (job `case-sla`), on the incidents' SLA interval; runs when first held so steps due while down fire then. */
@Injectable()
export class CaseSlaJob implements OnModuleInit {
  private readonly logger = new Logger(CaseSlaJob.name);

  constructor(
    private readonly sla: CaseSlaService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly jobs: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.jobs.declare({ name: 'case-sla', schedule: { everyMs: this.config.incidents.slaJobSeconds * 1000 }, runAtStart: true, run: (now) => this.pass(now) });
  }

  tick(): Promise<void> {
    return this.jobs.run('case-sla', this.clock.now());
  }

  private async pass(now: Date): Promise<void> {
    const fired = await this.sla.run(now);
    if (fired.length) this.logger.log({ event: 'case_sla_pass', steps: fired.length });
  }
}
