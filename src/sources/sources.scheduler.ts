import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createTask, type ScheduledTask } from 'node-cron';
import { Runtime } from '../platform/runtime.js';
import { SourcesService } from './sources.service.js';

/** One cron task per enabled recipe; a tick only calls the use case, inside its own try/catch. */
@Injectable()
export class SourcesScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SourcesScheduler.name);
  private readonly tasks: ScheduledTask[] = [];

  constructor(
    private readonly sources: SourcesService,
    private readonly runtime: Runtime,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.runtime.scheduling) return;
    for (const recipe of this.sources.enabledRecipes()) {
      const task = createTask(recipe.schedule, () => this.tick(recipe.name), { name: `source:${recipe.name}`, noOverlap: true });
      task.unref();
      void task.start();
      this.tasks.push(task);
      this.logger.log({ event: 'source.scheduled', source: recipe.name, schedule: recipe.schedule });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.tasks.splice(0).map((t) => t.destroy()));
  }

  private async tick(name: string): Promise<void> {
    try {
      await this.sources.run(name);
    } catch (err) {
      this.logger.error({ event: 'source.tick_failed', source: name, error: (err as Error).message });
    }
  }
}
