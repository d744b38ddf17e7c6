import { Injectable } from '@nestjs/common';

/** The one place that reads the wall clock: services take a Clock so replay and tests control time. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that only moves when told to: replay and tests. */
export class ManualClock extends Clock {
  private t: number;
  constructor(start: Date | string | number = 0) {
    super();
    this.t = new Date(start).getTime();
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
