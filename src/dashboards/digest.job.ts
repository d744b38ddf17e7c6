import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { JobRegistry } from '../platform/jobs/job-registry.js';
import { DigestService } from './digest.service.js';

/** Once a minute (job `digest`): sends the digests whose time has come (each brand once a day). */
@Injectable()
export class DigestJob implements OnModuleInit {
  constructor(
    private readonly digests: DigestService,
    private readonly clock: Clock,
    private readonly jobs: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.jobs.declare({ name: 'digest', schedule: { everyMs: 60_000 }, run: async () => void (await this.digests.sendDue()) });
  }

  tick(): Promise<void> {
    return this.jobs.run('digest', this.clock.now());
  }
}
