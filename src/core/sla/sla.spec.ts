import { describe, it, expect } from '@jest/globals';
import { slaPolicySchema, type SlaPolicy } from './policy.js';
import { breaches, dueTimes, pauseClock, resumeClock, startClock, SlaPauseNotAllowed, type Milestones } from './clock.js';
import { dueSteps, markFired, newBreaches, nextCheckAt, recordBreaches } from './steps.js';

const t0 = new Date('2026-03-02T08:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function oneHour(overrides: Partial<SlaPolicy> = {}): SlaPolicy {
  return slaPolicySchema.parse({
    id: 'one-hour',
    respondWithinMinutes: 60,
    solveWithinMinutes: 240,
    steps: [
      { id: 'remind-owner', afterMinutes: 30, notify: 'owner', unless: 'responded' },
      { id: 'escalate-team-lead', afterMinutes: 45, notify: 'team-lead', unless: 'acknowledged' },
      { id: 'executive-on-response-breach', on: 'response-breach', notify: 'executive' },
      { id: 'executive-on-solution-breach', on: 'solution-breach', notify: 'executive' },
    ],
    ...overrides,
  });
}

const ids = (policy: SlaPolicy, clock: ReturnType<typeof startClock>, m: Milestones, now: Date) =>
  dueSteps(policy, clock, m, now).map((d) => `${d.step.id}@${(d.dueAt.getTime() - t0.getTime()) / 60_000}`);

describe('SLA clock', () => {
  it('promises an alert without an incident the due times an incident opened with it gets', () => {
    const { respondDueAt, solveDueAt } = startClock(oneHour(), t0);
    expect(dueTimes(oneHour(), t0)).toEqual({ respondDueAt, solveDueAt });
  });

  it('sets the response due an hour and the initial solution four hours after opening', () => {
    const clock = startClock(oneHour(), t0);
    expect(clock.respondDueAt).toEqual(at(60));
    expect(clock.solveDueAt).toEqual(at(240));
  });

  it('reports a missed response as breached at its due time, and a response in time as met', () => {
    const clock = startClock(oneHour(), t0);
    expect(breaches(clock, {}, at(59))[0]).toMatchObject({ status: 'pending' });
    expect(breaches(clock, {}, at(61))[0]).toMatchObject({ status: 'breached', breachedAt: at(60) });
    expect(breaches(clock, { responded: at(42) }, at(61))[0]).toMatchObject({ status: 'met', metAt: at(42) });
    expect(breaches(clock, { responded: at(75) }, at(80))[0]).toMatchObject({ status: 'breached', breachedAt: at(60), metAt: at(75) });
  });

  it('pushes due times back by the time spent paused when the policy allows pausing', () => {
    const policy = oneHour({ pausable: true });
    const paused = pauseClock(policy, startClock(policy, t0), at(20));
    expect(breaches(paused, {}, at(90))[0]!.status).toBe('pending');
    const resumed = resumeClock(paused, at(50));
    expect(resumed.respondDueAt).toEqual(at(90));
    expect(resumed.solveDueAt).toEqual(at(270));
  });

  it('refuses to pause under a policy that does not allow it, naming the fix', () => {
    const policy = oneHour();
    expect(() => pauseClock(policy, startClock(policy, t0), at(5))).toThrow(SlaPauseNotAllowed);
    expect(() => pauseClock(policy, startClock(policy, t0), at(5))).toThrow(/pausable: true/);
  });
});

describe('escalation steps', () => {
  const policy = oneHour();

  it('reminds the owner at 30 minutes and escalates to the team lead at 45 when nobody acknowledged', () => {
    const clock = startClock(policy, t0);
    expect(ids(policy, clock, {}, at(29))).toEqual([]);
    expect(ids(policy, clock, {}, at(30))).toEqual(['remind-owner@30']);
    expect(ids(policy, clock, {}, at(46))).toEqual(['remind-owner@30', 'escalate-team-lead@45']);
  });

  it('skips the team-lead escalation once the incident is acknowledged', () => {
    const clock = startClock(policy, t0);
    expect(ids(policy, clock, { acknowledged: at(10) }, at(50))).toEqual(['remind-owner@30']);
  });

  it('notifies the executive contact when the response deadline is breached', () => {
    const clock = markFired(startClock(policy, t0), ['remind-owner', 'escalate-team-lead'], at(45));
    expect(ids(policy, clock, {}, at(60))).toEqual(['executive-on-response-breach@60']);
  });

  it('never returns a step again once it is recorded as fired, even when asked repeatedly', () => {
    let clock = startClock(policy, t0);
    const first = dueSteps(policy, clock, {}, at(31));
    clock = markFired(clock, first.map((d) => d.step.id), at(31));
    expect(ids(policy, clock, {}, at(31))).toEqual([]);
    expect(markFired(clock, ['remind-owner'], at(40)).firedSteps).toEqual([{ id: 'remind-owner', at: at(31) }]);
  });

  it('escalates nothing for a resolved or paused incident', () => {
    const pausable = oneHour({ pausable: true });
    const clock = startClock(pausable, t0);
    expect(dueSteps(pausable, clock, { resolved: at(10) }, at(300))).toEqual([]);
    expect(dueSteps(pausable, pauseClock(pausable, clock, at(10)), {}, at(300))).toEqual([]);
  });

  it('records each breach once with its breach time', () => {
    let clock = startClock(policy, t0);
    const found = newBreaches(clock, { responded: at(20) }, at(241));
    expect(found.map((b) => [b.kind, b.breachedAt])).toEqual([['solution-breach', at(240)]]);
    clock = recordBreaches(clock, found);
    expect(clock.solutionBreachedAt).toEqual(at(240));
    expect(newBreaches(clock, { responded: at(20) }, at(300))).toEqual([]);
  });
});

describe('the next SLA check', () => {
  const policy = oneHour();
  const minutesOf = (d: Date | undefined) => (d ? (d.getTime() - t0.getTime()) / 60_000 : undefined);

  it('falls on the next step or deadline, and on each one after the last is recorded', () => {
    let clock = startClock(policy, t0);
    expect(minutesOf(nextCheckAt(policy, clock, {}, at(1)))).toBe(30);
    clock = markFired(clock, ['remind-owner'], at(30));
    expect(minutesOf(nextCheckAt(policy, clock, {}, at(30)))).toBe(45);
    clock = markFired(clock, ['escalate-team-lead'], at(45));
    expect(minutesOf(nextCheckAt(policy, clock, {}, at(45)))).toBe(60);
  });

  it('is now while a due step is not yet recorded', () => {
    expect(minutesOf(nextCheckAt(policy, startClock(policy, t0), {}, at(50)))).toBe(50);
  });

  it('skips steps a milestone made moot and deadlines met in time', () => {
    const clock = startClock(policy, t0);
    // Acknowledged and responded at 20 min: only the solution deadline is left.
    expect(minutesOf(nextCheckAt(policy, clock, { acknowledged: at(20), responded: at(20) }, at(21)))).toBe(240);
  });

  it('never falls due for a resolved incident, nor by time alone for a paused one', () => {
    const pausable = oneHour({ pausable: true });
    const clock = startClock(pausable, t0);
    expect(nextCheckAt(pausable, clock, { resolved: at(10) }, at(11))).toBeUndefined();
    expect(nextCheckAt(pausable, pauseClock(pausable, clock, at(10)), {}, at(11))).toBeUndefined();
  });

  it('finds every step and breach a check every minute finds, at the same minutes', () => {
    const check = (clock: ReturnType<typeof startClock>, now: Date) => {
      const due = dueSteps(policy, clock, {}, now).map((d) => d.step.id);
      const found = newBreaches(clock, {}, now);
      return { clock: recordBreaches(markFired(clock, due, now), found), did: due.length + found.length > 0 };
    };
    const everyMinute: number[] = [];
    let clock = startClock(policy, t0);
    for (let minute = 0; minute <= 300; minute++) {
      const r = check(clock, at(minute));
      clock = r.clock;
      if (r.did) everyMinute.push(minute);
    }
    const jumping: number[] = [];
    clock = startClock(policy, t0);
    for (let next = nextCheckAt(policy, clock, {}, at(0)); next; next = nextCheckAt(policy, clock, {}, next)) {
      const r = check(clock, next);
      clock = r.clock;
      jumping.push(minutesOf(next)!);
    }
    expect(jumping).toEqual(everyMinute);
    expect(everyMinute).toEqual([30, 45, 60, 240]);
  });
});

describe('SLA policy schema', () => {
  it('rejects a step that says both when and on what breach to fire', () => {
    const r = slaPolicySchema.safeParse({
      id: 'x', respondWithinMinutes: 60, solveWithinMinutes: 240,
      steps: [{ id: 's', afterMinutes: 5, on: 'response-breach', notify: 'owner' }],
    });
    expect(r.success).toBe(false);
  });
});
