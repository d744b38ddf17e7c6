import type { Signal } from '../../src/core/detection/signal.js';
import type { ManualClock } from '../../src/platform/clock.js';
import type { GoldenhourConfig } from '../../src/platform/config/schema.js';
import { EscalationService } from '../../src/incidents/escalation.service.js';
import { IncidentEventsService, type IncidentEvent } from '../../src/incidents/incident-events.service.js';
import { SlaJob } from '../../src/incidents/sla.job.js';
import type { TestApp } from '../support/app.js';

/** One team with a member, a lead and an executive, all reached by email. */
export const careTeam: Partial<GoldenhourConfig> = {
  teams: [
    {
      id: 'care',
      name: 'Customer care',
      members: [
        { name: 'Wang Fang', email: 'wang.fang@acme.test', role: 'member' },
        { name: 'Li Lead', email: 'li.lead@acme.test', role: 'lead' },
        { name: 'Zhao Exec', email: 'zhao.exec@acme.test', role: 'executive' },
      ],
      channels: [],
    },
  ],
};

/** A crisis-grade negative surge for acme (matches the default P1 rule `crisis-negative-surge`). */
export function crisisSignal(at: Date, overrides: Partial<Signal> = {}): Signal {
  return {
    key: `acme|negative_surge||${at.toISOString()}`,
    brand: 'acme',
    kind: 'negative_surge',
    scope: {},
    status: 'open',
    startedAt: at,
    lastSeenAt: at,
    strength: 6,
    peakStrength: 6,
    evidence: {
      observed: 120,
      expected: 10,
      negativeShare: 0.8,
      baselineNegativeShare: 0.1,
      crisisTerms: ['food poisoning'],
      topMentions: [{ platform: 'weibo', externalId: 'w-1', url: 'https://weibo.example/w-1', text: 'Got food poisoning from Acme lunch', engagement: 950 }],
    },
    ...overrides,
  };
}

/** Collects incident events as they are emitted. */
export function recordEvents(t: TestApp): IncidentEvent[] {
  const seen: IncidentEvent[] = [];
  t.app.get(IncidentEventsService).events.subscribe((e) => seen.push(e));
  return seen;
}

/** Feeds a signal, then lets the default rule's 30 s group wait pass: returns the incident id opened. */
export async function openCrisisIncident(t: TestApp, clock: ManualClock): Promise<string> {
  const escalation = t.app.get(EscalationService);
  await escalation.escalate([crisisSignal(clock.now())]);
  clock.advance(30_000);
  await escalation.escalate([]);
  const res = await t.request('/api/v1/incidents?brand=acme', { as: 'viewer' });
  const body = (await res.json()) as { incidents: { id: string }[] };
  if (body.incidents.length !== 1) throw new Error(`expected one incident, got ${body.incidents.length}`);
  return body.incidents[0]!.id;
}

/** Advances the clock minute by minute, running the SLA job at each minute, up to `minutes` after `from`. */
export async function runSlaMinutes(t: TestApp, clock: ManualClock, from: Date, minutes: number): Promise<void> {
  const job = t.app.get(SlaJob);
  for (let m = 1; m <= minutes; m++) {
    clock.set(from.getTime() + m * 60_000);
    await job.tick();
  }
}

export const minutesAfter = (from: Date, iso: string) => (new Date(iso).getTime() - from.getTime()) / 60_000;
