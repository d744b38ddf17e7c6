import { afterEach, describe, expect, it } from '@jest/globals';
import { EscalationService } from '../../src/incidents/escalation.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { careTeam, crisisSignal, openCrisisIncident } from './support.js';

interface Row { idempotencyKey: string; to: string; subject?: string; text?: string }

/** Outbox rows of the incident, grouped by what they are: "alert|…|n" → "alert n", "resolved|…|n" → "resolved n". */
async function mail(t: TestApp, id: string): Promise<Record<string, string[]>> {
  const rows = (await (await t.request(`/api/v1/outbox?incidentId=${encodeURIComponent(id)}&limit=500`)).json()) as Row[];
  const out: Record<string, string[]> = {};
  for (const r of rows) {
    const [, what, n] = /^(\w+)\|.*?(?:\|(\d+))?\|[a-z]+\|[^|]+$/.exec(r.idempotencyKey) ?? [];
    const kind = n ? `${what} ${n}` : what ?? r.idempotencyKey;
    (out[kind] ??= []).push(r.to);
  }
  for (const k of Object.keys(out)) out[k]!.sort();
  return out;
}

describe('a resolved incident stops paging', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  it('sends no repeat after resolution, a resolved notice to the alert recipients, and repeats again once reopened', async () => {
    const clock = new ManualClock('2026-11-20T08:00:00Z');
    t = await startTestApp({ label: 'incidents_resolved_repeats', clock, config: careTeam });
    const id = await openCrisisIncident(t, clock);
    const escalation = t.app.get(EscalationService);
    // The surge goes on: the detector keeps seeing the same signal every five minutes for two hours.
    const keepSeeing = async (minutes: number) => {
      for (let m = 0; m < minutes; m += 5) {
        clock.advance(5 * 60_000);
        await escalation.escalate([crisisSignal(new Date('2026-11-20T08:00:00Z'), { lastSeenAt: clock.now() })]);
      }
    };
    await keepSeeing(35);
    const recipients = ['li.lead@acme.test', 'wang.fang@acme.test', 'zhao.exec@acme.test'];
    expect(await mail(t, id)).toMatchObject({ 'alert 1': recipients, 'alert 2': recipients });

    expect((await t.request(`/api/v1/incidents/${id}/resolve`, { method: 'POST', as: 'responder', json: { text: 'Batch recalled' } })).status).toBe(201);
    await keepSeeing(90);
    const afterResolve = await mail(t, id);
    expect(Object.keys(afterResolve).filter((k) => k.startsWith('alert')).sort()).toEqual(['alert 1', 'alert 2']);
    expect(afterResolve['resolved 1']).toEqual(recipients);
    const rows = (await (await t.request(`/api/v1/outbox?incidentId=${encodeURIComponent(id)}&limit=500`)).json()) as Row[];
    const notice = rows.find((r) => r.idempotencyKey.startsWith('resolved|'))!;
    expect(notice.subject).toMatch(/Resolved/);
    expect(notice.text).toContain('Batch recalled');

    expect((await t.request(`/api/v1/incidents/${id}/reopen`, { method: 'POST', as: 'responder', json: { reason: 'new cases' } })).status).toBe(201);
    await keepSeeing(35);
    const afterReopen = await mail(t, id);
    expect(Object.keys(afterReopen).filter((k) => k.startsWith('alert')).length).toBeGreaterThan(2);
  });
});
