import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EscalationService } from '../../src/incidents/escalation.service.js';
import { SlaJob } from '../../src/incidents/sla.job.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { careTeam, crisisSignal } from './support.js';

describe('GET /api/v1/incidents/stats', () => {
  const clock = new ManualClock('2026-11-20T08:00:00Z');
  let t: TestApp;
  const act = (id: string, action: string, json: unknown = {}) => t.request(`/api/v1/incidents/${id}/${action}`, { method: 'POST', as: 'responder', json });

  beforeAll(async () => {
    t = await startTestApp({ label: 'incidents_stats', clock, config: careTeam });
    const escalation = t.app.get(EscalationService);
    await escalation.escalate([crisisSignal(clock.now()), crisisSignal(clock.now(), { brand: 'bolt', key: 'bolt|negative_surge||x' })]);
    clock.set('2026-11-20T08:00:30Z');
    await escalation.escalate([]);
    const list = (await (await t.request('/api/v1/incidents')).json()).incidents as { id: string; brand: string }[];
    const acme = list.find((i) => i.brand === 'acme')!.id;
    const bolt = list.find((i) => i.brand === 'bolt')!.id;
    clock.set('2026-11-20T08:06:30Z');
    await act(acme, 'acknowledge');
    clock.set('2026-11-20T08:20:30Z');
    await act(acme, 'respond', { url: 'https://weibo.example/acme/1', text: 'We understand your concern.' });
    clock.set('2026-11-20T08:30:30Z');
    await act(bolt, 'acknowledge');
    clock.set('2026-11-20T09:40:30Z');
    await act(acme, 'mitigate', { text: 'Batch withdrawn' });
    await t.app.get(SlaJob).tick();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports time to acknowledge, first response and initial solution in minutes', async () => {
    const stats = await (await t.request('/api/v1/incidents/stats', { as: 'viewer' })).json();
    expect(stats.incidents).toBe(2);
    expect(stats.timeToAcknowledge).toEqual({ count: 2, meanMinutes: 18, medianMinutes: 18, p90Minutes: 30 });
    expect(stats.timeToFirstResponse).toEqual({ count: 1, meanMinutes: 20, medianMinutes: 20, p90Minutes: 20 });
    expect(stats.timeToInitialSolution).toEqual({ count: 1, meanMinutes: 100, medianMinutes: 100, p90Minutes: 100 });
  });

  it('reports SLA compliance per brand, team and ISO week, counting only decided deadlines', async () => {
    const stats = await (await t.request('/api/v1/incidents/stats', { as: 'viewer' })).json();
    expect(stats.compliance.byBrand).toEqual([
      { key: 'acme', incidents: 1, responseMet: 1, responseBreached: 0, solutionMet: 1, solutionBreached: 0, compliance: 1 },
      { key: 'bolt', incidents: 1, responseMet: 0, responseBreached: 1, solutionMet: 0, solutionBreached: 0, compliance: 0 },
    ]);
    expect(stats.compliance.byTeam).toEqual([expect.objectContaining({ key: '(unassigned)', incidents: 2, compliance: 0.667 })]);
    expect(stats.compliance.byWeek).toEqual([expect.objectContaining({ key: '2026-W47', incidents: 2 })]);
  });

  it('narrows the figures to one brand', async () => {
    const stats = await (await t.request('/api/v1/incidents/stats?brand=bolt', { as: 'viewer' })).json();
    expect(stats).toMatchObject({ incidents: 1, timeToAcknowledge: { count: 1, medianMinutes: 30 }, timeToFirstResponse: { count: 0, medianMinutes: null } });
  });
});
