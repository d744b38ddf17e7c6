import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { careTeam, openCrisisIncident, recordEvents } from './support.js';

describe('incident lifecycle over HTTP', () => {
  const clock = new ManualClock('2026-11-20T08:00:00Z');
  let t: TestApp;
  let id: string;
  let events: ReturnType<typeof recordEvents>;

  beforeAll(async () => {
    t = await startTestApp({ label: 'incidents_lifecycle', clock, config: careTeam });
    events = recordEvents(t);
    id = await openCrisisIncident(t, clock);
  });
  afterAll(async () => {
    await t.close();
  });

  it('opens an incident for a crisis alert with evidence, the one-hour SLA clock and the team email in the outbox', async () => {
    const incident = await (await t.request(`/api/v1/incidents/${id}`, { as: 'viewer' })).json();
    expect(incident).toMatchObject({
      id,
      brand: 'acme',
      severity: 'P1',
      state: 'open',
      ruleId: 'crisis-negative-surge',
      evidence: { crisisTerms: ['food poisoning'], topMentions: [expect.objectContaining({ externalId: 'w-1' })] },
      sla: { policyId: 'one-hour', respondDueAt: '2026-11-20T09:00:30.000Z', solveDueAt: '2026-11-20T12:00:30.000Z' },
      actions: [],
    });
    const rows = (await (await t.request(`/api/v1/outbox?incidentId=${encodeURIComponent(id)}`)).json()) as { to: string; text: string }[];
    expect(rows.map((r) => r.to).sort()).toEqual(['li.lead@acme.test', 'wang.fang@acme.test', 'zhao.exec@acme.test']);
    expect(rows[0]!.text).toContain(`/#/incident/${encodeURIComponent(id)}`);
    expect(events.filter((e) => e.type !== 'incident_updated').map((e) => [e.type, e.at])).toEqual([
      ['alert', '2026-11-20T08:00:30.000Z'],
      ['incident_state', '2026-11-20T08:00:30.000Z'],
    ]);
  });

  it('refuses every change to a viewer with 403 and leaves the incident untouched', async () => {
    for (const action of ['acknowledge', 'resolve', 'note']) {
      const res = await t.request(`/api/v1/incidents/${id}/${action}`, { method: 'POST', as: 'viewer', json: action === 'note' ? { text: 'x' } : {} });
      expect(res.status).toBe(403);
    }
    expect((await (await t.request(`/api/v1/incidents/${id}`)).json()).state).toBe('open');
  });

  it('walks acknowledge → respond → mitigate → resolve → reopen with an audit trail of who did what when', async () => {
    const post = (action: string, json: unknown, as: 'responder' | 'admin' = 'responder') =>
      t.request(`/api/v1/incidents/${id}/${action}`, { method: 'POST', as, json });
    clock.set('2026-11-20T08:05:00Z');
    expect((await (await post('acknowledge', {})).json()).state).toBe('acknowledged');
    clock.set('2026-11-20T08:20:00Z');
    const responded = await (await post('respond', { url: 'https://weibo.example/acme/statement', text: 'We understand your concern and are sorry.' })).json();
    expect(responded).toMatchObject({ state: 'responded', response: { url: 'https://weibo.example/acme/statement', by: 'test responder' } });
    clock.set('2026-11-20T10:00:00Z');
    await post('mitigate', { text: 'Batch 1120 withdrawn from sale' });
    await post('note', { text: 'Lab results due tomorrow' });
    clock.set('2026-11-20T11:00:00Z');
    await post('resolve', { text: 'Refunds issued' }, 'admin');
    const reopened = await (await post('reopen', { reason: 'New reports' })).json();
    expect(reopened.state).toBe('reopened');
    expect(reopened.owner).toBe('test responder');
    expect(reopened.milestones).toEqual({ acknowledged: '2026-11-20T08:05:00.000Z', responded: '2026-11-20T08:20:00.000Z', mitigated: '2026-11-20T10:00:00.000Z' });
    expect(reopened.notes).toEqual([{ at: '2026-11-20T10:00:00.000Z', by: 'test responder', text: 'Lab results due tomorrow' }]);
    expect(reopened.audit.map((a: { action: string; by: string; to?: string }) => `${a.action}:${a.by}:${a.to ?? ''}`)).toEqual([
      'open:goldenhour:open',
      'acknowledge:test responder:acknowledged',
      'respond:test responder:responded',
      'mitigate:test responder:mitigated',
      'note:test responder:mitigated',
      'resolve:test admin:resolved',
      'reopen:test responder:reopened',
    ]);
    expect(reopened.slaStatus.map((s: { kind: string; status: string }) => `${s.kind}:${s.status}`)).toEqual(['response:met', 'solution:met']);
  });

  it('answers an action that does not fit the state with 409 and says why', async () => {
    const res = await t.request(`/api/v1/incidents/${id}/reopen`, { method: 'POST', as: 'responder', json: {} });
    expect(res.status).toBe(409);
    expect((await res.json()).message).toMatch(/only a resolved incident can be reopened/);
  });

  it('rejects a response without a valid URL, naming the field', async () => {
    const res = await t.request(`/api/v1/incidents/${id}/respond`, { method: 'POST', as: 'responder', json: { url: 'not a url', text: 'x' } });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/^url: /);
  });

  it('lists incidents filtered by brand, team, owner, severity and state', async () => {
    const ids = async (q: string) => ((await (await t.request(`/api/v1/incidents?${q}`, { as: 'viewer' })).json()).incidents as { id: string }[]).map((i) => i.id);
    expect(await ids('brand=acme&severity=P1&state=reopened&owner=test%20responder')).toEqual([id]);
    expect(await ids('team=care')).toEqual([]);
    expect(await ids('state=open')).toEqual([]);
    expect((await t.request('/api/v1/incidents?state=closed', { as: 'viewer' })).status).toBe(400);
  });

  it('checks a draft reply for the incident and suggests rewrites', async () => {
    const res = await t.request(`/api/v1/incidents/${id}/draft-check`, { method: 'POST', as: 'responder', json: { text: '技术上这是小概率事件。' } });
    const body = await res.json();
    expect(body.lang).toBe('zh');
    expect(body.findings.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(['empathy-first', 'minimising']));
    expect(body.suggestedReply).toMatch(/^我们向所有受到影响的顾客深表歉意/);
  });

  it('streams incident events to the board as server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${t.url}/api/v1/incidents/events`, { headers: { authorization: `Bearer ${t.tokens.viewer}` }, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    await t.request(`/api/v1/incidents/${id}/note`, { method: 'POST', as: 'responder', json: { text: 'Called the customer' } });
    // One SSE message per block: "event: <type>", "id: <n>", "data: <json>", then a blank line.
    const updated = (text: string) => text.split('\n\n').map((block) => block.split('\n')).find((lines) => lines.includes('event: incident_updated'));
    let text = '';
    for (let i = 0; i < 50 && !updated(text)?.some((l) => l.startsWith('data: ')); i++) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const dataLine = updated(text)!.find((l) => l.startsWith('data: '))!.slice('data: '.length);
    expect(JSON.parse(dataLine)).toMatchObject({ type: 'incident_updated', incident: id, action: 'note', by: 'test responder' });
  });

  it('lets the board poll cheaply: an unchanged list answers 304 to its ETag', async () => {
    const first = await t.request('/api/v1/incidents', { as: 'viewer' });
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // fetch() adds "Cache-Control: no-cache" to a hand-made conditional request unless one is given; a browser's own cache revalidates by itself.
    const again = await t.request('/api/v1/incidents', { as: 'viewer', headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' } });
    expect(again.status).toBe(304);
  });
});
