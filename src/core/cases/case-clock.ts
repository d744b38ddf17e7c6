import { addWorkingMinutes, workingMinutesBetween } from './business-hours.js';
import type { BusinessHours, CasePolicy } from './case-rules.js';

const MINUTE = 60_000;

/**
 * The SLA clock of one case. Deadlines are computed from the working minutes the policy allows plus
 * the working minutes spent paused, so a clock read back after a restart says what it said before.
 */
export interface CaseClock {
  policyId: string;
  startedAt: Date;
  /** Working minutes spent waiting for the customer, before the current pause. */
  pausedMinutes: number;
  /** Set while waiting for the customer. */
  pausedAt?: Date;
  firstReplyDueAt: Date;
  resolveDueAt: Date;
  /** The live incident whose story the case belongs to: its deadlines bound the case's (see followIncident). */
  incident?: IncidentDeadlines;
}

/** The deadlines of an incident's SLA clock, as a case in its story follows them. */
export interface IncidentDeadlines {
  id: string;
  respondDueAt: Date;
  solveDueAt: Date;
}

/** What the clock needs of the case's progress. */
export interface CaseProgress {
  firstRepliedAt?: Date;
  resolvedAt?: Date;
}

/** Starts the clock of a case opened at `at`. */
export function startCaseClock(policy: CasePolicy, hours: BusinessHours | undefined, at: Date): CaseClock {
  return withDeadlines({ policyId: policy.id, startedAt: at, pausedMinutes: 0, firstReplyDueAt: at, resolveDueAt: at }, policy, hours);
}

function withDeadlines(clock: CaseClock, policy: CasePolicy, hours: BusinessHours | undefined): CaseClock {
  const h = policy.businessHours ? hours : undefined;
  const due = (minutes: number) => addWorkingMinutes(clock.startedAt, minutes + clock.pausedMinutes, h);
  return bounded({ ...clock, firstReplyDueAt: due(policy.firstReplyWithinMinutes), resolveDueAt: due(policy.resolveWithinMinutes) });
}

const earlier = (a: Date, b: Date) => (b.getTime() < a.getTime() ? b : a);
/** A clock in an incident's story is due no later than the incident: the first public reply by its response deadline. */
function bounded(clock: CaseClock): CaseClock {
  const i = clock.incident;
  return i ? { ...clock, firstReplyDueAt: earlier(clock.firstReplyDueAt, i.respondDueAt), resolveDueAt: earlier(clock.resolveDueAt, i.solveDueAt) } : clock;
}

/** The clock of a case whose story has a live incident: it follows the incident's (usually one-hour) clock. */
export function followIncident(clock: CaseClock, incident: IncidentDeadlines): CaseClock {
  return bounded({ ...clock, incident });
}

/** Stops the clock while waiting for the customer (a no-op when the policy does not pause or it is paused). */
export function pauseCaseClock(clock: CaseClock, policy: CasePolicy, at: Date): CaseClock {
  if (!policy.pauseWhileWaiting || clock.pausedAt) return clock;
  return { ...clock, pausedAt: at };
}

/** Restarts a paused clock: the deadlines move by the working time spent waiting. */
export function resumeCaseClock(clock: CaseClock, policy: CasePolicy, hours: BusinessHours | undefined, at: Date): CaseClock {
  if (!clock.pausedAt) return clock;
  const waited = workingMinutesBetween(clock.pausedAt, at, policy.businessHours ? hours : undefined);
  return withDeadlines({ ...clock, pausedAt: undefined, pausedMinutes: clock.pausedMinutes + waited }, policy, hours);
}

/** The deadline the case works towards now: the first reply until there is one, then resolution. */
export function nextDeadline(clock: CaseClock, p: CaseProgress): { kind: CaseDeadline; at: Date } | null {
  if (p.resolvedAt) return null;
  return p.firstRepliedAt ? { kind: 'resolve', at: clock.resolveDueAt } : { kind: 'first-reply', at: clock.firstReplyDueAt };
}

export type CaseDeadline = 'first-reply' | 'resolve';

/** One reminder, escalation or breach of a case deadline; its id fires once per case. */
export interface CaseStep {
  id: `${'remind' | 'escalate' | 'breach'}-${CaseDeadline}`;
  kind: 'remind' | 'escalate' | 'breach';
  deadline: CaseDeadline;
  notify: 'owner' | 'team-lead';
  dueAt: Date;
}

/**
 * The steps due at `now` that have not fired: remind the owner, escalate to the team lead, and record the
 * breach, each before or at the deadline the case has not met yet. A paused or resolved case fires nothing.
 */
export function dueCaseSteps(policy: CasePolicy, clock: CaseClock, p: CaseProgress, fired: readonly string[], now: Date): CaseStep[] {
  if (clock.pausedAt || p.resolvedAt) return [];
  const steps: CaseStep[] = [];
  for (const deadline of ['first-reply', 'resolve'] as const) {
    if (deadline === 'first-reply' && p.firstRepliedAt) continue;
    const due = deadline === 'first-reply' ? clock.firstReplyDueAt : clock.resolveDueAt;
    const plan = [
      { kind: 'remind' as const, notify: 'owner' as const, at: due.getTime() - policy.remindBeforeMinutes * MINUTE },
      { kind: 'escalate' as const, notify: 'team-lead' as const, at: due.getTime() - policy.escalateBeforeMinutes * MINUTE },
      { kind: 'breach' as const, notify: 'team-lead' as const, at: due.getTime() },
    ];
    for (const s of plan) {
      const id = `${s.kind}-${deadline}` as const;
      if (s.at <= now.getTime() && !fired.includes(id)) steps.push({ id, kind: s.kind, deadline, notify: s.notify, dueAt: new Date(s.at) });
    }
  }
  return steps.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
