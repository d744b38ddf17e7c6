import { describe, expect, it } from '@jest/globals';
import { mergeRuleFiles, rulesFileSchema } from '../rules/rule.js';
import { aSignal } from '../../../test/support/rule-factories.js';
import type { SignalSnapshot } from './signal-timeline.js';
import { countBySeverity, simulateRules } from './simulate-rules.js';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const MIN = 60_000;
const rules = mergeRuleFiles([
  rulesFileSchema.parse({
    rules: [
      { id: 'negative-surge', severity: 'P2', match: { kinds: ['negative_surge'] }, group_wait: '1m', repeat_interval: '2h', resolve_timeout: '30m' },
      { id: 'volume-surge', severity: 'P3', match: { kinds: ['volume_surge'] }, group_wait: '5m' },
    ],
  }),
]);

/** A negative surge seen every 5 minutes from `start` for `minutes`, then closed. */
function surge(key: string, start: number, minutes: number): SignalSnapshot[] {
  const startedAt = new Date(start);
  const out: SignalSnapshot[] = [];
  for (let t = start; t < start + minutes * MIN; t += 5 * MIN) out.push({ at: new Date(t), signal: aSignal({ key, startedAt, lastSeenAt: new Date(t) }) });
  const end = new Date(start + minutes * MIN);
  out.push({ at: end, signal: aSignal({ key, startedAt, lastSeenAt: new Date(end.getTime() - 5 * MIN), status: 'closed', endedAt: end }) });
  return out;
}

describe(simulateRules.name, () => {
  it('sends the first notification after group_wait and opens one incident for a P2 surge', () => {
    const sim = simulateRules(rules, surge('a|1', T0, 30), new Date(T0 - 60 * MIN), new Date(T0 + 6 * 60 * MIN));
    expect(sim.alerts.map((a) => [(a.at.getTime() - T0) / MIN, a.severity, a.reason, a.incident])).toEqual([[1, 'P2', 'new', 1]]);
    expect(sim.incidents).toMatchObject([{ id: 1, severity: 'P2', ruleId: 'negative-surge', brand: 'acme', notifications: 1 }]);
    expect(countBySeverity(sim.alerts)).toEqual({ P1: 0, P2: 1, P3: 0, P4: 0 });
  });

  it('repeats a long surge on its repeat_interval into the same incident, and a later surge opens a new one', () => {
    const snaps = [...surge('a|1', T0, 150), ...surge('a|2', T0 + 10 * 60 * MIN, 20)];
    const sim = simulateRules(rules, snaps, new Date(T0), new Date(T0 + 24 * 60 * MIN));
    expect(sim.alerts.map((a) => [(a.at.getTime() - T0) / MIN, a.reason, a.incident])).toEqual([[1, 'new', 1], [121, 'repeat', 1], [601, 'new', 2]]);
    expect(sim.incidents.map((i) => i.notifications)).toEqual([2, 1]);
  });

  it('sends nothing for signals that end after the period, and leaves signals after it out', () => {
    const sim = simulateRules(rules, surge('a|1', T0 + 2 * 60 * MIN, 30), new Date(T0), new Date(T0 + 60 * MIN));
    expect(sim.alerts).toEqual([]);
  });

  it('keeps alerts that need no response out of incidents', () => {
    const snaps = [{ at: new Date(T0), signal: aSignal({ key: 'v|1', kind: 'volume_surge' }) }];
    const sim = simulateRules(rules, snaps, new Date(T0), new Date(T0 + 30 * MIN));
    expect(sim.alerts).toMatchObject([{ severity: 'P3', ruleId: 'volume-surge' }]);
    expect(sim.alerts[0]!.incident).toBeUndefined();
    expect(sim.incidents).toEqual([]);
  });
});
