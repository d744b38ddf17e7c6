import { breaches, type BreachState, type Milestones, type SlaClock } from './clock.js';
import { MILESTONES, type Milestone, type SlaPolicy, type SlaStep } from './policy.js';

const MINUTE = 60_000;

/** A step whose time has come and that has not fired yet. */
export interface DueStep {
  step: SlaStep;
  /** When it became due (its nominal time, not when the job noticed). */
  dueAt: Date;
}

/** Whether the incident has reached `milestone` or any later one by now. */
export function reached(m: Milestones, milestone: Milestone): boolean {
  return MILESTONES.slice(MILESTONES.indexOf(milestone)).some((later) => m[later] !== undefined);
}

/**
 * The escalation steps due at `now` that have not fired yet, oldest first. A resolved or paused
 * incident escalates nothing; a step whose `unless` milestone was reached is skipped for good.
 * Fired steps are read from the clock, so calling this again after recording them returns nothing.
 */
export function dueSteps(policy: SlaPolicy, clock: SlaClock, m: Milestones, now: Date): DueStep[] {
  if (m.resolved || clock.pausedAt) return [];
  const fired = new Set(clock.firedSteps.map((f) => f.id));
  const states = breaches(clock, m, now);
  const due: DueStep[] = [];
  for (const step of policy.steps) {
    if (fired.has(step.id) || (step.unless && reached(m, step.unless))) continue;
    const at = stepTime(step, clock, states);
    if (at && at <= now) due.push({ step, dueAt: at });
  }
  return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

function stepTime(step: SlaStep, clock: SlaClock, states: BreachState[]): Date | undefined {
  if (step.afterMinutes !== undefined) {
    return new Date(clock.startedAt.getTime() + clock.pausedMs + step.afterMinutes * MINUTE);
  }
  return states.find((s) => s.kind === step.on && s.status === 'breached')?.breachedAt;
}

/** Records steps as fired; a step already recorded keeps its first firing time. */
export function markFired(clock: SlaClock, stepIds: string[], at: Date): SlaClock {
  const known = new Set(clock.firedSteps.map((f) => f.id));
  const added = stepIds.filter((id) => !known.has(id)).map((id) => ({ id, at }));
  return { ...clock, firedSteps: [...clock.firedSteps, ...added] };
}

/** Breaches that happened by `now` and are not yet recorded on the clock. */
export function newBreaches(clock: SlaClock, m: Milestones, now: Date): BreachState[] {
  return breaches(clock, m, now).filter(
    (b) =>
      b.status === 'breached' &&
      (b.kind === 'response-breach' ? clock.responseBreachedAt === undefined : clock.solutionBreachedAt === undefined),
  );
}

/** Records breaches on the clock with their breach times. */
export function recordBreaches(clock: SlaClock, found: BreachState[]): SlaClock {
  const next = { ...clock };
  for (const b of found) {
    if (b.kind === 'response-breach') next.responseBreachedAt ??= b.breachedAt;
    else next.solutionBreachedAt ??= b.breachedAt;
  }
  return next;
}

/**
 * The earliest time from `now` on at which an SLA check finds something to do (a step due or a breach to record),
 * while the incident's milestones stay as they are; undefined when nothing ever falls due by time alone. Steps and
 * breaches fall due only at their own times, so the candidates are those times (and `now`, for what is due already).
 */
export function nextCheckAt(policy: SlaPolicy, clock: SlaClock, m: Milestones, now: Date): Date | undefined {
  const candidates = [now, ...breaches(clock, m, now).map((b) => b.dueAt)];
  for (const step of policy.steps) {
    if (step.afterMinutes !== undefined) candidates.push(new Date(clock.startedAt.getTime() + clock.pausedMs + step.afterMinutes * MINUTE));
  }
  return candidates
    .filter((c) => c >= now)
    .sort((a, b) => a.getTime() - b.getTime())
    .find((c) => dueSteps(policy, clock, m, c).length > 0 || newBreaches(clock, m, c).length > 0);
}
