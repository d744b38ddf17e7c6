import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { PeriodicTask } from '../platform/periodic-task.js';
import { Runtime } from '../platform/runtime.js';
import { CaseSlaService } from './case-sla.service.js';

/** The scheduled case SLA check, on the incidents' SLA interval; runs at start so steps due while down fire then. */
@Injectable()
export class CaseSlaJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CaseSlaJob.name);
  private readonly task = new PeriodicTask('case_sla_job', () => this.pass(), this.logger);

  constructor(
    private readonly sla: CaseSlaService,
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

  tick(): Promise<void> {
    return this.task.run();
  }

  private async pass(): Promise<void> {
    const fired = await this.sla.run(this.clock.now());
    if (fired.length) this.logger.log({ event: 'case_sla_pass', steps: fired.length });
  }
}
