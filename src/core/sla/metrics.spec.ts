import { describe, it, expect } from '@jest/globals';
import { slaPolicySchema } from './policy.js';
import { startClock } from './clock.js';
import { durationStats, incidentStats, isoWeek, type IncidentTimes } from './metrics.js';

const policy = slaPolicySchema.parse({ id: 'one-hour', respondWithinMinutes: 60, solveWithinMinutes: 240 });
const min = (base: Date, m: number) => new Date(base.getTime() + m * 60_000);

function incident(overrides: Partial<IncidentTimes> & { openedAt: Date }): IncidentTimes {
  return { brand: 'acme', team: 'care', milestones: {}, clock: startClock(policy, overrides.openedAt), ...overrides };
}

describe(incidentStats.name, () => {
  const monday = new Date('2026-03-02T08:00:00Z');
  const nextWeek = new Date('2026-03-09T08:00:00Z');
  const items = [
    incident({ openedAt: monday, milestones: { acknowledged: min(monday, 5), responded: min(monday, 30), mitigated: min(monday, 200) } }),
    incident({ openedAt: monday, brand: 'bolt', team: 'pr', milestones: { acknowledged: min(monday, 15), responded: min(monday, 90) } }),
    incident({ openedAt: nextWeek, milestones: { acknowledged: min(nextWeek, 10) } }),
  ];
  const stats = incidentStats(items, min(nextWeek, 20));

  it('measures time to acknowledge, first response and initial solution in minutes', () => {
    expect(stats.timeToAcknowledge).toEqual({ count: 3, meanMinutes: 10, medianMinutes: 10, p90Minutes: 15 });
    expect(stats.timeToFirstResponse).toMatchObject({ count: 2, medianMinutes: 60 });
    expect(stats.timeToInitialSolution).toMatchObject({ count: 1, medianMinutes: 200 });
  });

  it('counts SLA compliance per brand, team and week, leaving pending clocks out', () => {
    expect(stats.compliance.byBrand.map((r) => [r.key, r.compliance])).toEqual([['acme', 1], ['bolt', 0]]);
    expect(stats.compliance.byTeam.find((r) => r.key === 'pr')).toMatchObject({ responseBreached: 1, solutionBreached: 1 });
    expect(stats.compliance.byWeek.map((r) => [r.key, r.incidents, r.compliance])).toEqual([['2026-W10', 2, 0.5], ['2026-W11', 1, null]]);
  });
});

describe(durationStats.name, () => {
  it('reports nulls rather than zeros when nothing was measured', () => {
    expect(durationStats([])).toEqual({ count: 0, meanMinutes: null, medianMinutes: null, p90Minutes: null });
  });
});

describe(isoWeek.name, () => {
  it('puts the first days of January in the last ISO week of the previous year when they fall before Thursday', () => {
    expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2026-01-01T12:00:00Z'))).toBe('2026-W01');
  });
});
