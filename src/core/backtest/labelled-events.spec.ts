import { describe, expect, it } from '@jest/globals';
import { scoreAgainstLabels } from './labelled-events.js';
import type { SimulatedIncident } from './simulate-rules.js';

const at = (h: number) => new Date(Date.UTC(2026, 10, 1, h));
const incident = (id: number, h: number, brand = 'acme'): SimulatedIncident => ({ id, openedAt: at(h), brand, severity: 'P2', ruleId: 'negative-surge', groupKey: 'g', title: 't', notifications: 1 });

describe(scoreAgainstLabels.name, () => {
  it('counts an event caught when an incident of its brand opens inside it, with the delay from its start', () => {
    const score = scoreAgainstLabels([incident(1, 3), incident(2, 12), incident(3, 20, 'other')], [
      { name: 'recall', brand: 'acme', start: at(2), end: at(6) },
      { name: 'outage', brand: 'acme', start: at(19), end: at(22) },
    ]);
    expect(score.events.map((e) => [e.name, e.detected, e.delayMinutes])).toEqual([['recall', true, 60], ['outage', false, undefined]]);
    expect(score).toMatchObject({ detected: 1, missed: 1, falseIncidents: 2, medianDelayMinutes: 60 });
  });
});
