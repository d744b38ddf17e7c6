import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DetectionService } from '../../src/detection/detection.service.js';
import { EscalationService } from '../../src/incidents/escalation.service.js';
import type { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';
import { careTeam } from '../incidents/support.js';

const POST = 'Whole family got food poisoning after Acme chicken rice, two of us in hospital tonight';
const URL = 'https://weibo.example/acme/v1';

describe('a viral-post incident shows the post that caused it', () => {
  let t: TestApp;
  let clock: ManualClock;
  const push = (externalId: string, shares: number, comments: number, extra: Record<string, unknown> = {}) =>
    t.request('/api/v1/mentions', { method: 'POST', json: mention({ externalId, engagement: { likes: 0, shares, comments, views: 0 }, ...extra }) });

  beforeAll(async () => {
    t = await startTestApp({ label: 'viral_evidence', config: { brands: [acmeBrand], ...careTeam } });
    clock = t.clock as ManualClock;
  });
  afterAll(async () => t.close());

  it('carries the post in the signal, the incident API and the alert mail, which summarises instead of listing figures', async () => {
    clock.set('2026-11-20T08:00:00Z');
    expect((await push('v1', 10, 0, { text: POST, url: URL })).status).toBe(200);
    for (const id of ['o1', 'o2']) expect((await push(id, 10, 0)).status).toBe(200);
    clock.set('2026-11-20T08:30:00Z');
    await push('v1', 2900, 100, { text: POST, url: URL });
    await push('o1', 14, 1);
    await push('o2', 12, 0);

    // One detection job pass: detection, then escalation of the signals it changed.
    const changed = await t.app.get(DetectionService).runDetection(clock.now());
    await t.app.get(EscalationService).escalate(changed);
    const [viral] = changed.filter((s) => s.kind === 'viral_post');
    expect(viral!.evidence.topMentions).toEqual([{ platform: 'weibo', externalId: 'v1', url: URL, text: POST, engagement: 3000 }]);
    expect(viral!.evidence.crisisTerms).toContain('food poisoning');

    clock.set('2026-11-20T08:31:30Z'); // past the viral rule's one-minute group wait
    await t.app.get(EscalationService).escalate([]);
    const { incidents } = (await (await t.request('/api/v1/incidents?brand=acme', { as: 'viewer' })).json()) as { incidents: { id: string }[] };
    expect(incidents).toHaveLength(1);
    const incident = (await (await t.request(`/api/v1/incidents/${incidents[0]!.id}`, { as: 'viewer' })).json()) as { evidence: { topMentions: unknown[] } };
    expect(incident.evidence.topMentions).toEqual([expect.objectContaining({ externalId: 'v1', text: POST, url: URL })]);

    const rows = (await (await t.request(`/api/v1/outbox?incidentId=${incidents[0]!.id}&limit=50`)).json()) as { text?: string }[];
    const text = rows.find((r) => r.text)!.text!;
    expect(text).toContain(`- viral post on weibo: +5,980 shares/hour; crisis terms: food poisoning — "${POST.slice(0, 79)}…" ${URL}`);
    expect(text).not.toMatch(/×\d/);
  }, 300_000);
});
