import type { Logger } from '@nestjs/common';

/**
 * A scheduled unit of work whose ticks never overlap: a tick that finds the previous one still running
 * waits for it instead of starting another. Failures are logged, never thrown into the timer.
 * Jobs start it only when `Runtime.scheduling` is on; tests and replay call `run()` themselves.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  start(intervalMs: number, opts: { runAtStart?: boolean } = {}): void {
    if (opts.runAtStart) void this.run();
    this.timer = setInterval(() => void this.run(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  run(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.work()
      .catch((err: Error) => this.logger.error({ event: `${this.name}_failed`, error: err.message }))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
