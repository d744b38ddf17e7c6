import { Injectable, type OnModuleInit } from '@nestjs/common';
import { parse } from 'node-cron';
import { Clock } from '../platform/clock.js';
import { JobRegistry } from '../platform/jobs/job-registry.js';
import { SourcesService } from './sources.service.js';

/**
 * Each enabled recipe's run (job `source`, one unit and lease per recipe, on the recipe's cron schedule in
 * its time zone). A run whose circuit is open is recorded as skipped by the use case itself.
 */
@Injectable()
export class SourceJobs implements OnModuleInit {
  constructor(
    private readonly sources: SourcesService,
    private readonly clock: Clock,
    private readonly jobs: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.jobs.declare({
      name: 'source',
      units: async () => this.sources.enabledRecipes().map((r) => r.name),
      schedule: (name) => {
        const recipe = this.sources.enabledRecipes().find((r) => r.name === name)!;
        return { cron: parse(recipe.schedule), timeZone: recipe.timezone, text: recipe.schedule };
      },
      run: async (_now, name) => void (await this.sources.run(name!)),
    });
  }

  /** Runs every enabled source once now (tests). */
  tick(): Promise<void> {
    return this.jobs.run('source', this.clock.now());
  }
}
