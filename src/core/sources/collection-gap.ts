/**
 * Knowing when collection is blind. A source that is banned, logged out or silently returns nothing makes a
 * quiet period look like calm, and its return look like a surge. So each source learns what a run usually
 * yields, and a source that yields nothing (or far below its usual) for longer than its schedule allows is
 * in a collection gap until items flow again. The state is a few numbers per source, whatever the history.
 */
export interface YieldPolicy {
  /** Weight of the latest good run in the expected yield (an exponential mean over roughly 1/alpha runs). */
  alpha: number;
  /** Good runs needed before a source's silence can mean anything. */
  minRuns: number;
  /** A run yielding less than this fraction of the expected yield is not a good run. */
  lowFraction: number;
  /** Scheduled runs that may pass without a good one before a gap opens … */
  allowanceRuns: number;
  /** … but never less than this (a source run every minute is not blind after three minutes). */
  minAllowanceMs: number;
}

export const YIELD_POLICY: YieldPolicy = { alpha: 0.1, minRuns: 5, lowFraction: 0.1, allowanceRuns: 3, minAllowanceMs: 60 * 60_000 };

export interface CollectionHealth {
  /** Items a good run usually sees (0 until learnt). */
  expectedYield: number;
  goodRuns: number;
  lastYield: number;
  /** Usual time between runs, learnt like the yield (the schedule as it really runs, retries and pauses included). */
  runIntervalMs: number;
  lastRunAt?: Date;
  lastGoodAt?: Date;
  /** Set while a gap is open: from the last good run. */
  gapSince?: Date;
  /** Why the source is not collecting as usual (the failure, or how far below its usual it is). */
  degradedReason?: string;
}

export const NEW_SOURCE: CollectionHealth = { expectedYield: 0, goodRuns: 0, lastYield: 0, runIntervalMs: 0 };

export interface RunYield {
  at: Date;
  /** Items the run saw. */
  items: number;
  /** The run's failure, if it failed. */
  failure?: string;
}

export type GapEvent = { type: 'opened'; since: Date; reason: string } | { type: 'closed'; since: Date; until: Date };

const ewma = (mean: number, x: number, alpha: number, first: boolean) => (first ? x : mean + alpha * (x - mean));

/** The health after one run (or a scheduled check with no run: pass `run` undefined), and whether a gap opened or closed. */
export function observeYield(before: CollectionHealth, run: RunYield | undefined, now: Date, policy: YieldPolicy = YIELD_POLICY): { health: CollectionHealth; event?: GapEvent } {
  let health = before;
  if (run) {
    const good = !run.failure && run.items > 0 && run.items >= policy.lowFraction * before.expectedYield;
    // Runs inside a gap never teach the expectation: two silent months must not make silence the usual.
    const learnt = good && !before.gapSince ? ewma(before.expectedYield, run.items, policy.alpha, before.goodRuns === 0) : before.expectedYield;
    const interval = before.lastRunAt ? ewma(before.runIntervalMs, run.at.getTime() - before.lastRunAt.getTime(), policy.alpha, before.runIntervalMs === 0) : 0;
    health = {
      ...before,
      expectedYield: learnt,
      runIntervalMs: interval,
      goodRuns: before.goodRuns + (good ? 1 : 0),
      lastYield: run.items,
      lastRunAt: run.at,
      lastGoodAt: good ? run.at : before.lastGoodAt,
      degradedReason: good ? undefined : (run.failure ?? `yielded ${run.items} items, usually ${Math.round(before.expectedYield)}`),
    };
    if (good && before.gapSince) {
      const { gapSince: _since, ...rest } = health;
      return { health: rest, event: { type: 'closed', since: before.gapSince, until: run.at } };
    }
  }
  const allowance = Math.max(policy.minAllowanceMs, policy.allowanceRuns * health.runIntervalMs);
  const blind = !health.gapSince && health.goodRuns >= policy.minRuns && health.lastGoodAt && now.getTime() - health.lastGoodAt.getTime() > allowance;
  if (!blind) return { health };
  const reason = health.degradedReason ?? `no run since ${health.lastRunAt?.toISOString() ?? 'it started'}`;
  return { health: { ...health, gapSince: health.lastGoodAt!, degradedReason: reason }, event: { type: 'opened', since: health.lastGoodAt!, reason } };
}
