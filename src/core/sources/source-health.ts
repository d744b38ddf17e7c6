/** A source's standing, as `GET /api/v1/sources` shows it and the scheduler reads it. */
export interface SourceHealth {
  status: 'ok' | 'degraded';
  reason?: string;
  consecutiveFailures: number;
  /** While set and in the future, the circuit is open: scheduled runs are skipped. */
  pausedUntil?: Date;
}

export type RunVerdict = { ok: true } | { ok: false; reason: string; blocked: boolean };

export interface BreakerPolicy {
  /** Failed runs in a row that open the circuit. A login wall or captcha opens it at once. */
  threshold: number;
  /** First pause; each further failure doubles it up to maxPauseMs. */
  basePauseMs: number;
  maxPauseMs: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = { threshold: 3, basePauseMs: 5 * 60_000, maxPauseMs: 6 * 3600_000 };

export const HEALTHY: SourceHealth = { status: 'ok', consecutiveFailures: 0 };

/** The circuit breaker: the health after a run, given the health before it. */
export function healthAfterRun(before: SourceHealth, verdict: RunVerdict, now: Date, policy: BreakerPolicy = DEFAULT_BREAKER): SourceHealth {
  if (verdict.ok) return HEALTHY;
  const failures = before.consecutiveFailures + 1;
  const opens = verdict.blocked || failures >= policy.threshold;
  if (!opens) return { status: 'degraded', reason: verdict.reason, consecutiveFailures: failures };
  const exponent = Math.max(0, failures - (verdict.blocked ? 1 : policy.threshold));
  const pause = Math.min(policy.maxPauseMs, policy.basePauseMs * 2 ** exponent);
  return { status: 'degraded', reason: verdict.reason, consecutiveFailures: failures, pausedUntil: new Date(now.getTime() + pause) };
}

/** True while the circuit is open. */
export function isPaused(health: SourceHealth, now: Date): boolean {
  return health.pausedUntil !== undefined && health.pausedUntil.getTime() > now.getTime();
}
