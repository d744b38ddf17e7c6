import type { BreachKind, Milestone, SlaPolicy } from './policy.js';

const MINUTE = 60_000;

/** When the incident reached each milestone; absent means not yet. */
export type Milestones = Partial<Record<Milestone, Date>>;

/** A step that has fired, recorded so it never fires again. */
export interface FiredStep {
  id: string;
  at: Date;
}

/**
 * The stored SLA clock of one incident. Due times move only by paused time, so a clock read back
 * after a restart says exactly what it said before.
 */
export interface SlaClock {
  policyId: string;
  startedAt: Date;
  respondDueAt: Date;
  solveDueAt: Date;
  /** Total time spent paused before the current pause, in ms. */
  pausedMs: number;
  /** Set while the clock is paused. */
  pausedAt?: Date;
  responseBreachedAt?: Date;
  solutionBreachedAt?: Date;
  firedSteps: FiredStep[];
}

/** The two promises of a policy for something that started at `startedAt`: the only place due times are computed. */
export function dueTimes(policy: Pick<SlaPolicy, 'respondWithinMinutes' | 'solveWithinMinutes'>, startedAt: Date): { respondDueAt: Date; solveDueAt: Date } {
  return {
    respondDueAt: new Date(startedAt.getTime() + policy.respondWithinMinutes * MINUTE),
    solveDueAt: new Date(startedAt.getTime() + policy.solveWithinMinutes * MINUTE),
  };
}

/** Starts a clock for a policy at the moment the incident opened. */
export function startClock(policy: SlaPolicy, startedAt: Date): SlaClock {
  return { policyId: policy.id, startedAt, ...dueTimes(policy, startedAt), pausedMs: 0, firedSteps: [] };
}

/** Pauses a running clock; refuses when the policy does not allow pausing. */
export function pauseClock(policy: SlaPolicy, clock: SlaClock, now: Date): SlaClock {
  if (!policy.pausable) throw new SlaPauseNotAllowed(policy.id);
  if (clock.pausedAt) return clock;
  return { ...clock, pausedAt: now };
}

/** Resumes a paused clock, pushing both due times back by the time spent paused. */
export function resumeClock(clock: SlaClock, now: Date): SlaClock {
  if (!clock.pausedAt) return clock;
  const paused = Math.max(0, now.getTime() - clock.pausedAt.getTime());
  return {
    ...clock,
    pausedAt: undefined,
    pausedMs: clock.pausedMs + paused,
    respondDueAt: new Date(clock.respondDueAt.getTime() + paused),
    solveDueAt: new Date(clock.solveDueAt.getTime() + paused),
  };
}

export class SlaPauseNotAllowed extends Error {
  constructor(readonly policyId: string) {
    super(`SLA policy "${policyId}" does not allow pausing; set "pausable: true" on it in rules/sla.yaml to allow it`);
  }
}

/** Time the clock has run (excluding pauses) at `now`, in ms. */
export function runningMs(clock: SlaClock, now: Date): number {
  const end = clock.pausedAt && clock.pausedAt < now ? clock.pausedAt : now;
  return Math.max(0, end.getTime() - clock.startedAt.getTime() - clock.pausedMs);
}

/** The milestone that meets each deadline: a public response, and an initial solution (or resolving outright). */
export function metAt(kind: BreachKind, m: Milestones): Date | undefined {
  // Resolving without a public response (a false alarm) closes the response clock too.
  if (kind === 'response-breach') return m.responded ?? m.resolved;
  return m.mitigated ?? m.resolved;
}

export function dueAt(kind: BreachKind, clock: SlaClock): Date {
  return kind === 'response-breach' ? clock.respondDueAt : clock.solveDueAt;
}

export interface BreachState {
  kind: BreachKind;
  dueAt: Date;
  status: 'pending' | 'met' | 'breached';
  /** When it was breached: the due time itself, since that is the moment the promise was missed. */
  breachedAt?: Date;
  metAt?: Date;
}

/** Whether each deadline is pending, met in time, or breached (with the breach time), as of `now`. */
export function breaches(clock: SlaClock, m: Milestones, now: Date): BreachState[] {
  return (['response-breach', 'solution-breach'] as const).map((kind) => {
    const due = dueAt(kind, clock);
    const met = metAt(kind, m);
    if (met && met <= due) return { kind, dueAt: due, status: 'met', metAt: met };
    const paused = clock.pausedAt !== undefined && !met;
    if (met || (!paused && now >= due)) return { kind, dueAt: due, status: 'breached', breachedAt: due, metAt: met };
    return { kind, dueAt: due, status: 'pending' };
  });
}
