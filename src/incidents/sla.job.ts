import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { PeriodicTask } from '../platform/periodic-task.js';
import { Runtime } from '../platform/runtime.js';
import { SlaEscalationService } from './sla-escalation.service.js';

/**
 * The scheduled SLA check (every `incidents.slaJobSeconds`, 30 s by default). It runs once right at
 * start, so steps that fell due while the daemon was down fire then; their markers keep them from
 * firing twice. Ticks never overlap.
 */
@Injectable()
export class SlaJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaJob.name);
  private readonly task = new PeriodicTask('sla_job', () => this.pass(), this.logger);

  constructor(
    private readonly sla: SlaEscalationService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly runtime: Runtime,
  ) {}

  onApplicationBootstrap(): void {
    if (this.runtime.scheduling) this.task.start(this.config.incidents.slaJobSeconds * 1000, { runAtStart: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass at the clock's current time; a tick that finds the previous one still running waits for it instead. */
  tick(): Promise<void> {
    return this.task.run();
  }

  private async pass(): Promise<void> {
    const r = await this.sla.run(this.clock.now());
    if (r.steps || r.breaches) this.logger.log({ event: 'sla_job_pass', ...r });
  }
}
