import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EscalationService } from '../../src/incidents/escalation.service.js';
import { IngestService } from '../../src/mentions/ingest.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { StoriesService } from '../../src/stories/stories.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';
import { careTeam, crisisSignal } from './support.js';

const COMPLAINT = '吃了阿克米的外卖，全家食物中毒，孩子上吐下泻进了医院！订单是昨晚在人民路店点的宫保鸡丁饭，大家千万别再买了';
const brand = { ...acmeBrand, officialAccounts: { weibo: ['@阿克米官方'] } };

describe("the brand's own reply stops the response clock", () => {
  const clock = new ManualClock('2026-11-20T08:00:00Z');
  let t: TestApp;
  let id: string;
  const ingest = (items: Record<string, unknown>[]) => t.app.get(IngestService).ingest(items);
  const incident = async () => (await t.request(`/api/v1/incidents/${id}`, { as: 'viewer' })).json();

  beforeAll(async () => {
    t = await startTestApp({ label: 'official_response', clock, config: { ...careTeam, brands: [brand] } });
    await ingest([mention({ externalId: 'food-1', text: COMPLAINT, author: { name: '小王妈妈' }, publishedAt: '2026-11-20T07:40:00Z' })]);
    const story = await t.app.get(StoriesService).storyOfRecent('weibo:food-1', clock.now());
    const escalation = t.app.get(EscalationService);
    await escalation.escalate([crisisSignal(clock.now(), { evidence: { ...crisisSignal(clock.now()).evidence, stories: [story!] } })]);
    clock.advance(30_000);
    await escalation.escalate([]);
    id = ((await (await t.request('/api/v1/incidents?brand=acme', { as: 'viewer' })).json()) as { incidents: { id: string }[] }).incidents[0]!.id;
  });
  afterAll(async () => t.close());

  it('lists and replaces official accounts per platform through the API, admins only, with errors naming the field', async () => {
    expect(await (await t.request('/api/v1/brands/acme/official-accounts', { as: 'viewer' })).json()).toEqual({ weibo: ['@阿克米官方'] });
    expect((await t.request('/api/v1/brands/acme/official-accounts', { method: 'PUT', as: 'responder', json: { weibo: ['x'] } })).status).toBe(403);
    const bad = await t.request('/api/v1/brands/acme/official-accounts', { method: 'PUT', json: { weibo: [] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('weibo');
    const ok = await t.request('/api/v1/brands/acme/official-accounts', { method: 'PUT', json: { weibo: ['@阿克米官方'], douyin: ['acme_official'] } });
    expect(await ok.json()).toEqual({ weibo: ['@阿克米官方'], douyin: ['acme_official'] });
  });

  it('records a repost with the brand statement by its official account as the first public response, at the post time', async () => {
    clock.set('2026-11-20T08:40:00Z');
    await ingest([
      mention({ externalId: 'fan-1', text: `太可怕了//@小王妈妈:${COMPLAINT}`, author: { name: '路人' }, publishedAt: '2026-11-20T08:30:00Z' }),
      mention({ externalId: 'official-1', url: 'https://weibo.example/official-1', text: `非常抱歉，我们已联系您并暂停人民路店营业，正在调查//@小王妈妈:${COMPLAINT}`, author: { name: '阿克米官方' }, publishedAt: '2026-11-20T08:32:00Z' }),
    ]);
    const i = await incident();
    expect(i.state).toBe('responded');
    expect(i.milestones.responded).toBe('2026-11-20T08:32:00.000Z');
    expect(i.response).toMatchObject({ url: 'https://weibo.example/official-1', by: '@阿克米官方', at: '2026-11-20T08:32:00.000Z', official: { account: '@阿克米官方', mention: 'weibo:official-1', via: 'story' } });
    expect(i.slaStatus.find((s: { kind: string }) => s.kind === 'response')).toMatchObject({ status: 'met', metAt: '2026-11-20T08:32:00.000Z' });
    expect(i.audit.at(-1)).toMatchObject({ action: 'respond', by: '@阿克米官方', from: 'open', to: 'responded' });
  });

  it('lets a responder undo a wrong match, with an audit entry; the clock runs again and the post is not matched again', async () => {
    expect((await t.request(`/api/v1/incidents/${id}/response/undo`, { method: 'POST', as: 'viewer', json: {} })).status).toBe(403);
    const res = await t.request(`/api/v1/incidents/${id}/response/undo`, { method: 'POST', as: 'responder', json: { reason: 'a promotion, not about this' } });
    const i = await res.json();
    expect(i.state).toBe('open');
    expect(i.response).toBeUndefined();
    expect(i.milestones.responded).toBeUndefined();
    expect(i.audit.at(-1)).toMatchObject({ action: 'undo-response', by: 'test responder', from: 'responded', to: 'open' });
    expect(i.audit.at(-1).detail).toContain('https://weibo.example/official-1');
    // Nothing left to undo.
    expect((await t.request(`/api/v1/incidents/${id}/response/undo`, { method: 'POST', as: 'responder', json: {} })).status).toBe(409);
  });

  it('takes a late reply in the captured thread as the response, and the clock as breached', async () => {
    clock.set('2026-11-20T09:20:00Z');
    await ingest([mention({ externalId: 'official-2', url: 'https://weibo.example/official-2', text: '您好，已私信您处理退款和医疗费用', author: { name: '阿克米官方' }, extra: { parentId: 'food-1' }, publishedAt: '2026-11-20T09:15:00Z' })]);
    const i = await incident();
    expect(i.response).toMatchObject({ url: 'https://weibo.example/official-2', official: { via: 'thread' } });
    expect(i.slaStatus.find((s: { kind: string }) => s.kind === 'response')).toMatchObject({ status: 'breached', metAt: '2026-11-20T09:15:00.000Z' });
  });

  it('undoes a wrong match after people moved the incident on: their steps stay, the response goes', async () => {
    expect((await t.request(`/api/v1/incidents/${id}/mitigate`, { method: 'POST', as: 'responder', json: { text: '人民路店已停业整顿' } })).status).toBe(201);
    const res = await t.request(`/api/v1/incidents/${id}/response/undo`, { method: 'POST', as: 'responder', json: {} });
    const i = await res.json();
    expect(i).toMatchObject({ state: 'mitigated' });
    expect(i.response).toBeUndefined();
    expect(i.milestones.responded).toBeUndefined();
    expect(i.milestones.mitigated).toBeDefined();
    expect(i.audit.at(-1)).toMatchObject({ action: 'undo-response', by: 'test responder', from: 'mitigated', to: 'mitigated' });
    expect(i.audit.at(-1).detail).toContain('https://weibo.example/official-2');
  });

  it('ignores posts by other accounts and official posts about nothing open', async () => {
    clock.set('2026-11-20T09:30:00Z');
    await ingest([mention({ externalId: 'official-3', text: '双十一优惠活动开始啦', author: { name: '阿克米官方' }, publishedAt: '2026-11-20T09:25:00Z' })]);
    expect((await incident()).response).toBeUndefined();
  });
});
