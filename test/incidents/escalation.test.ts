import { afterEach, describe, expect, it } from '@jest/globals';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { careTeam, minutesAfter, openCrisisIncident, recordEvents, runSlaMinutes } from './support.js';

const opened = new Date('2026-11-20T08:00:30Z');

/** Outbox recipients per escalation step, read back over the API. */
async function stepMail(t: TestApp, id: string): Promise<Record<string, string[]>> {
  const rows = (await (await t.request(`/api/v1/outbox?incidentId=${encodeURIComponent(id)}&limit=500`)).json()) as { idempotencyKey: string; to: string }[];
  const out: Record<string, string[]> = {};
  for (const r of rows.filter((x) => x.idempotencyKey.startsWith('step|'))) (out[r.idempotencyKey.split('|')[2]!] ??= []).push(r.to);
  for (const k of Object.keys(out)) out[k]!.sort();
  return out;
}

describe('escalation under the one-hour policy', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  it('reminds at 30 min, escalates to the team lead at 45, breaches and tells the executive at 60 and 240 when nobody acts', async () => {
    const clock = new ManualClock('2026-11-20T08:00:00Z');
    t = await startTestApp({ label: 'incidents_escalation_idle', clock, config: careTeam });
    const id = await openCrisisIncident(t, clock);
    const events = recordEvents(t);
    await runSlaMinutes(t, clock, opened, 250);

    expect(events.filter((e) => e.type === 'escalation' || e.type === 'sla_breach').map((e) => [minutesAfter(opened, e.at), e.type, e.step ?? e.breach])).toEqual([
      [30, 'escalation', 'remind-owner'],
      [45, 'escalation', 'escalate-team-lead'],
      [60, 'sla_breach', 'response-breach'],
      [60, 'escalation', 'executive-on-response-breach'],
      [240, 'sla_breach', 'solution-breach'],
      [240, 'escalation', 'executive-on-solution-breach'],
    ]);
    expect(await stepMail(t, id)).toEqual({
      'remind-owner': ['li.lead@acme.test', 'wang.fang@acme.test', 'zhao.exec@acme.test'],
      'escalate-team-lead': ['li.lead@acme.test'],
      'executive-on-response-breach': ['zhao.exec@acme.test'],
      'executive-on-solution-breach': ['zhao.exec@acme.test'],
    });
    const incident = await (await t.request(`/api/v1/incidents/${id}`)).json();
    expect(incident.sla).toMatchObject({ responseBreachedAt: '2026-11-20T09:00:30.000Z', solutionBreachedAt: '2026-11-20T12:00:30.000Z' });
    expect(incident.slaStatus.map((s: { status: string }) => s.status)).toEqual(['breached', 'breached']);
  });

  it('reminds only the owner once acknowledged, skips the team lead, and breaches nothing answered in time', async () => {
    const clock = new ManualClock('2026-11-20T08:00:00Z');
    t = await startTestApp({ label: 'incidents_escalation_acked', clock, config: careTeam });
    const id = await openCrisisIncident(t, clock);
    const events = recordEvents(t);
    await runSlaMinutes(t, clock, opened, 10);
    await t.request(`/api/v1/incidents/${id}/acknowledge`, { method: 'POST', as: 'responder', json: {} });
    await t.request(`/api/v1/incidents/${id}/assign`, { method: 'POST', as: 'responder', json: { owner: 'Wang Fang' } });
    await runSlaMinutes(t, clock, new Date(opened.getTime() + 10 * 60_000), 40);
    await t.request(`/api/v1/incidents/${id}/respond`, { method: 'POST', as: 'responder', json: { url: 'https://weibo.example/acme/1', text: 'We understand your concern.' } });
    await runSlaMinutes(t, clock, new Date(opened.getTime() + 50 * 60_000), 60);

    expect(events.filter((e) => e.type === 'escalation' || e.type === 'sla_breach').map((e) => [minutesAfter(opened, e.at), e.step ?? e.breach])).toEqual([
      [30, 'remind-owner'],
    ]);
    expect(await stepMail(t, id)).toEqual({ 'remind-owner': ['wang.fang@acme.test'] });
    expect(events.filter((e) => e.type === 'incident_state').map((e) => [minutesAfter(opened, e.at), e.to])).toEqual([
      [10, 'acknowledged'],
      [50, 'responded'],
    ]);
  });
});
