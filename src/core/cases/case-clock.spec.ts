import { describe, it, expect } from '@jest/globals';
import { casePolicySchema } from './case-rules.js';
import { dueCaseSteps, followIncident, pauseCaseClock, resumeCaseClock, startCaseClock } from './case-clock.js';
import { testCase, testPolicy } from '../../../test/support/case-factories.js';

const policy = casePolicySchema.parse({ id: 'case-default', firstReplyWithinMinutes: 240, resolveWithinMinutes: 1440, businessHours: false });
const at = (iso: string) => new Date(iso);
const opened = at('2026-03-02T08:00:00Z');

describe(startCaseClock.name, () => {
  it('sets a first-reply deadline 4 h and a resolution deadline 24 h after opening', () => {
    const c = startCaseClock(policy, undefined, opened);
    expect([c.firstReplyDueAt, c.resolveDueAt]).toEqual([at('2026-03-02T12:00:00Z'), at('2026-03-03T08:00:00Z')]);
  });
});

describe(resumeCaseClock.name, () => {
  it('moves both deadlines by the time spent waiting for the customer', () => {
    const paused = pauseCaseClock(startCaseClock(policy, undefined, opened), policy, at('2026-03-02T09:00:00Z'));
    const resumed = resumeCaseClock(paused, policy, undefined, at('2026-03-02T11:00:00Z'));
    expect([resumed.firstReplyDueAt, resumed.resolveDueAt, resumed.pausedAt]).toEqual([at('2026-03-02T14:00:00Z'), at('2026-03-03T10:00:00Z'), undefined]);
  });

  it('does not stop when the policy says clocks run while waiting', () => {
    const running = casePolicySchema.parse({ ...policy, pauseWhileWaiting: false });
    expect(pauseCaseClock(startCaseClock(running, undefined, opened), running, opened).pausedAt).toBeUndefined();
  });
});

describe(dueCaseSteps.name, () => {
  const clock = startCaseClock(policy, undefined, opened);

  it('reminds the owner an hour before, escalates to the team lead 30 minutes before, and breaches at the deadline', () => {
    const ids = (now: string, fired: string[] = []) => dueCaseSteps(policy, clock, {}, fired, at(now)).map((s) => `${s.id}@${s.dueAt.toISOString().slice(11, 16)}`);
    expect(ids('2026-03-02T10:59:00Z')).toEqual([]);
    expect(ids('2026-03-02T11:00:00Z')).toEqual(['remind-first-reply@11:00']);
    expect(ids('2026-03-02T12:00:00Z', ['remind-first-reply'])).toEqual(['escalate-first-reply@11:30', 'breach-first-reply@12:00']);
  });

  it('stops the first-reply steps once replied, and everything once resolved or paused', () => {
    expect(dueCaseSteps(policy, clock, { firstRepliedAt: at('2026-03-02T09:00:00Z') }, [], at('2026-03-02T13:00:00Z'))).toEqual([]);
    expect(dueCaseSteps(policy, clock, { resolvedAt: at('2026-03-02T09:00:00Z') }, [], at('2026-03-04T00:00:00Z'))).toEqual([]);
    expect(dueCaseSteps(policy, { ...clock, pausedAt: opened }, {}, [], at('2026-03-04T00:00:00Z'))).toEqual([]);
  });
});

describe(followIncident.name, () => {
  it("puts a case in a live incident's story on the incident's clock, and keeps it there after a pause", () => {
    const c = testCase();
    const incident = { id: 'acme-1', respondDueAt: new Date('2026-03-02T09:00:00Z'), solveDueAt: new Date('2026-03-02T12:00:00Z') };
    const clock = followIncident(c.clock, incident);
    expect(clock).toMatchObject({ firstReplyDueAt: incident.respondDueAt, resolveDueAt: incident.solveDueAt, incident });
    const policy = { ...testPolicy, pauseWhileWaiting: true };
    const resumed = resumeCaseClock(pauseCaseClock(clock, policy, new Date('2026-03-02T08:10:00Z')), policy, undefined, new Date('2026-03-02T08:40:00Z'));
    expect(resumed.firstReplyDueAt).toEqual(incident.respondDueAt);
  });

  it('never gives a case more time than its own policy', () => {
    const c = testCase();
    const late = { id: 'acme-2', respondDueAt: new Date('2026-03-09T09:00:00Z'), solveDueAt: new Date('2026-03-09T12:00:00Z') };
    expect(followIncident(c.clock, late).firstReplyDueAt).toEqual(c.clock.firstReplyDueAt);
  });
});
