import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CaseSlaService } from '../../src/cases/case-sla.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { IncidentsRepository } from '../../src/incidents/incidents.repository.js';
import type { Incident } from '../../src/incidents/incident.js';
import { StoriesService } from '../../src/stories/stories.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const ORIGINAL = '吃了阿克米的外卖，全家食物中毒，孩子上吐下泻进了医院！订单是昨晚在人民路店点的宫保鸡丁饭，大家千万别再买了';

/** A live incident about a story, opened at 08:00 with the one-hour response clock. */
const incident = (story: string): Incident => ({
  _id: 'acme-202611200800-abc123', groupKey: 'food-safety|acme', story, brand: 'acme', severity: 'P1', title: 'Food poisoning', summary: 'food poisoning reports', ruleId: 'crisis',
  teams: ['care'], channels: [], state: 'open', alertKeys: ['a1'], signalKeys: ['s1'], evidence: { kinds: [], crisisTerms: ['食物中毒'], topMentions: [] }, notes: [],
  audit: [], openedAt: new Date('2026-11-20T08:00:00Z'), milestones: {},
  sla: { policyId: 'default', startedAt: new Date('2026-11-20T08:00:00Z'), respondDueAt: new Date('2026-11-20T09:00:00Z'), solveDueAt: new Date('2026-11-20T12:00:00Z'), pausedMs: 0, firedSteps: [] },
  updatedAt: new Date('2026-11-20T08:00:00Z'),
});

describe('a case in a live incident\'s story', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-20T08:00:00Z');
  beforeAll(async () => {
    t = await startTestApp({ label: 'case-incident-clock', clock, config: { brands: [acmeBrand] } });
  });
  afterAll(async () => t.close());

  const post = async (items: unknown) => expect((await t.request('/api/v1/mentions', { method: 'POST', json: items })).status).toBe(200);
  const queue = async () => ((await (await t.request('/api/v1/cases', { as: 'viewer' })).json()) as { cases: { _id: string; dueAt: string }[] }).cases;
  const caseOf = async (id: string) => (await (await t.request(`/api/v1/cases/${encodeURIComponent(id)}`, { as: 'viewer' })).json()) as { clock: Record<string, unknown> };

  it('moves the story\'s case onto the incident\'s one-hour clock when the incident opens; a repost joins the incident instead of opening a case', async () => {
    await post([mention({ externalId: 'food-1', text: ORIGINAL, author: { name: '小王妈妈', handle: 'wm' }, publishedAt: '2026-11-20T07:50:00Z' })]);
    // Opened before any incident: the case's own four hours.
    expect((await caseOf('case:weibo:food-1')).clock).toMatchObject({ firstReplyDueAt: '2026-11-20T12:00:00.000Z' });
    const story = await t.app.get(StoriesService).storyOf('weibo:food-1', new Date('2026-11-20T07:50:00Z'));
    expect(story).toBeTruthy();
    await t.app.get(IncidentsRepository).insertIfAbsent(incident(story!));
    // A brand's live incidents are read once a minute; the case SLA pass moves the story's cases.
    clock.set('2026-11-20T08:02:00Z');
    await t.app.get(CaseSlaService).run(clock.now());
    expect((await caseOf('case:weibo:food-1')).clock).toMatchObject({ firstReplyDueAt: '2026-11-20T09:00:00.000Z', incident: { id: 'acme-202611200800-abc123', respondDueAt: '2026-11-20T09:00:00.000Z' } });
    expect((await queue()).find((c) => c._id === 'case:weibo:food-1')).toMatchObject({ dueAt: '2026-11-20T09:00:00.000Z' });

    await post([
      mention({ externalId: 'food-2', text: `@阿克米 求扩散//@小王妈妈:${ORIGINAL}`, author: { name: 'b', handle: 'b2' }, publishedAt: '2026-11-20T07:58:00Z' }),
      mention({ platform: 'jd', externalId: 'r1', text: '快递太慢了，包装也破了', rating: 1, author: { name: 'c', handle: 'c3' }, extra: { productId: 'sku-9' } }),
    ]);
    expect((await t.request('/api/v1/cases/case%3Aweibo%3Afood-2', { as: 'viewer' })).status).toBe(404);
    const own = (await caseOf('case:jd:r1')).clock;
    expect(own.incident).toBeUndefined();
    expect(own.firstReplyDueAt).not.toBe('2026-11-20T09:00:00.000Z');
  });
});
