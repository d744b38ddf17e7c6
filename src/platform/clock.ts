import { Injectable } from '@nestjs/common';

/** The one place that reads the wall clock: services take a Clock so replay and tests control time. */
export abstract class Clock {
  abstract now(): Date;

  /**
   * Milliseconds for how long a cache of stored data may be trusted. Other processes change that data in
   * real time, so by default this is real elapsed time, whatever `now()` says.
   */
  cacheAgeMs(): number {
    return performance.now();
  }
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A clock that only moves when told to: replay and tests. Caches age with it (a test moves past a cache's
 * life) unless `realCacheAges`: a replay runs days in minutes and would re-read every cache each minute.
 */
export class ManualClock extends Clock {
  private t: number;
  constructor(
    start: Date | string | number = 0,
    private readonly opts: { realCacheAges?: boolean } = {},
  ) {
    super();
    this.t = new Date(start).getTime();
  }
  override cacheAgeMs(): number {
    return this.opts.realCacheAges ? performance.now() : this.t;
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date | string | number): void {
    this.t = new Date(at).getTime();
  }
  advance(ms: number): Date {
    this.t += ms;
    return this.now();
  }
}
