import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
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
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly sla: SlaEscalationService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly runtime: Runtime,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.runtime.scheduling) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.config.incidents.slaJobSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass at the clock's current time; a tick that finds the previous one still running waits for it instead. */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.sla
      .run(this.clock.now())
      .then((r) => {
        if (r.steps || r.breaches) this.logger.log({ event: 'sla_job_pass', ...r });
      })
      .catch((err: Error) => this.logger.error({ event: 'sla_job_failed', error: err.message }))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
