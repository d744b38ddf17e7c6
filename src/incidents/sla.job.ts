import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { JobRegistry } from '../platform/jobs/job-registry.js';
import { SlaEscalationService } from './sla-escalation.service.js';

/**
 * The scheduled SLA check (job `sla`, every `incidents.slaJobSeconds`, 30 s by default). It runs as soon
 * as a daemon first holds it, so steps that fell due while no daemon ran fire then; their markers keep
 * them from firing twice.
 */
@Injectable()
export class SlaJob implements OnModuleInit {
  private readonly logger = new Logger(SlaJob.name);

  constructor(
    private readonly sla: SlaEscalationService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly jobs: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.jobs.declare({ name: 'sla', schedule: { everyMs: this.config.incidents.slaJobSeconds * 1000 }, runAtStart: true, run: (now) => this.pass(now) });
  }

  /** One pass at the clock's current time (tests, replay); a pass already running is waited for first. */
  tick(): Promise<void> {
    return this.jobs.run('sla', this.clock.now());
  }

  private async pass(now: Date): Promise<void> {
    const r = await this.sla.run(now);
    if (r.steps || r.breaches) this.logger.log({ event: 'sla_job_pass', ...r });
  }
}
