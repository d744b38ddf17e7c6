import { AsyncLocalStorage } from 'node:async_hooks';
import type { Hold } from '../../core/leases/lease.js';

/** Thrown before a side effect when the lease it would be done under is no longer this process's. */
export class LeaseLost extends Error {
  constructor(readonly scope: string, why: string) {
    super(`lease ${scope} lost (${why}): not acting on it`);
  }
}

const held = new AsyncLocalStorage<Hold>();

/** Runs `work` as the holder of `hold`: `LeaseService.fence()` inside it checks that hold before side effects. */
export function underLease<T>(hold: Hold, work: () => Promise<T>): Promise<T> {
  return held.run(hold, work);
}

/** The hold the current job runs under; none outside scheduled work (tests, CLI, API requests). */
export function currentHold(): Hold | undefined {
  return held.getStore();
}
