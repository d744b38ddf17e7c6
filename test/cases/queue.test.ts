import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const review = (o: Record<string, unknown> = {}) =>
  mention({ platform: 'jd', externalId: 'r1', text: '快递太慢了，包装也破了', rating: 1, author: { name: '买家小王', handle: 'wang88' }, extra: { productId: 'sku-9' }, ...o });

describe('the reply queue (cases from mentions)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ label: 'cases', config: { brands: [acmeBrand] } });
  });
  afterAll(async () => t.close());

  const post = async (items: unknown) => expect((await t.request('/api/v1/mentions', { method: 'POST', json: items })).status).toBe(200);
  const queue = async (query = '') => ((await (await t.request(`/api/v1/cases${query}`, { as: 'viewer' })).json()) as { cases: Array<Record<string, unknown>> }).cases;
  const act = (id: string, action: string, json: unknown = {}, as: 'responder' | 'viewer' = 'responder') =>
    t.request(`/api/v1/cases/${encodeURIComponent(id)}/${action}`, { method: 'POST', json, as });

  it('turns a one-star review into one case, due 4 working hours later, however often the review is seen', async () => {
    await post(review());
    await post(review({ engagement: { likes: 3, shares: 0, comments: 1, views: 40 } }));
    const cases = await queue();
    // Friday 16:00 in Shanghai; the care team works 09:00-21:00, so four hours fit the same evening.
    expect(cases).toEqual([expect.objectContaining({ _id: 'case:jd:r1', brand: 'acme', platform: 'jd', team: 'care', state: 'open', deadline: 'first-reply', dueAt: '2026-11-20T12:00:00.000Z', reasons: ['low-rating', 'negative-review'], mentions: 1 })]);
  });

  it('joins a follow-up by the same author on the same product to the open case, and keeps another buyer apart', async () => {
    await post(review({ externalId: 'r2', text: '客服也不回复', rating: 2, publishedAt: '2026-11-20T08:30:00Z' }));
    await post(review({ externalId: 'r3', author: { name: '另一个买家', handle: 'li' }, rating: 1 }));
    const cases = await queue();
    expect(cases.map((c) => [c._id, c.mentions])).toEqual([['case:jd:r1', 2], ['case:jd:r3', 1]]);
    const one = (await (await t.request('/api/v1/cases/case%3Ajd%3Ar1', { as: 'viewer' })).json()) as { mentions: { id: string }[] };
    expect(one.mentions.map((m) => m.id)).toEqual(['jd:r1', 'jd:r2']);
  });

  it('opens no case for praise or for negative talk that addresses nobody', async () => {
    await post([mention({ externalId: 'w-happy', text: 'Acme lunch was great' }), mention({ externalId: 'w-grumble', text: 'acme food is awful and overpriced' })]);
    expect((await queue('?platform=weibo')).length).toBe(0);
  });

  it('lets a responder claim, mark replied with the link and resolve; a resolved case leaves the queue and can be reopened', async () => {
    expect((await act('case:jd:r1', 'claim')).status).toBe(201);
    const replied = (await (await act('case:jd:r1', 'replied', { url: 'https://item.jd.com/sku-9.html#reply-1' })).json()) as Record<string, unknown>;
    expect(replied).toMatchObject({ owner: 'test responder', state: 'replied', replyUrl: 'https://item.jd.com/sku-9.html#reply-1', firstRepliedAt: '2026-11-20T08:00:00.000Z' });
    // 24 working hours of 12-hour days: 5 on Friday evening, 12 on Saturday, 7 on Sunday until 16:00 Shanghai.
    expect((await queue('?owner=test%20responder'))[0]).toMatchObject({ deadline: 'resolve', dueAt: '2026-11-22T08:00:00.000Z' });
    await act('case:jd:r1', 'resolve', { note: 'refund sent' });
    expect((await queue()).map((c) => c._id)).toEqual(['case:jd:r3']);
    expect((await act('case:jd:r1', 'claim')).status).toBe(409);
    await act('case:jd:r1', 'reopen', { reason: 'customer wrote again' });
    expect((await queue()).map((c) => c._id).sort()).toEqual(['case:jd:r1', 'case:jd:r3']);
  });

  it('bulk assigns and bulk resolves, reporting each case', async () => {
    const res = await t.request('/api/v1/cases/bulk', { method: 'POST', as: 'responder', json: { action: 'assign', ids: ['case:jd:r1', 'case:jd:r3', 'case:nope'], owner: 'Zhang' } });
    expect(await res.json()).toEqual({ done: ['case:jd:r1', 'case:jd:r3'], failed: [{ id: 'case:nope', error: 'no case "case:nope"' }] });
    expect((await queue('?owner=Zhang')).length).toBe(2);
    await t.request('/api/v1/cases/bulk', { method: 'POST', as: 'responder', json: { action: 'resolve', ids: ['case:jd:r1', 'case:jd:r3'] } });
    expect(await queue()).toEqual([]);
  });

  it('tags a case with the aspects its text names and filters the queue by aspect', async () => {
    await post(review({ externalId: 'r5', text: '客服态度太差，退款一直不处理', author: { name: 'd', handle: 'd5' } }));
    await post(review({ externalId: 'r6', text: '快递晚了五天', author: { name: 'e', handle: 'e6' } }));
    expect((await queue('?aspect=service')).map((c) => [c._id, c.aspects])).toEqual([['case:jd:r5', ['service']]]);
    expect((await queue('?aspect=delivery&platform=jd')).map((c) => c._id)).toEqual(['case:jd:r6']);
    await t.request('/api/v1/cases/bulk', { method: 'POST', as: 'responder', json: { action: 'resolve', ids: ['case:jd:r5', 'case:jd:r6'] } });
    expect(await queue('?aspect=service')).toEqual([]);
  });

  it('checks a draft reply to a case, for any role, and changes nothing', async () => {
    const res = await t.request('/api/v1/cases/case%3Ajd%3Ar1/draft-check', { method: 'POST', as: 'viewer', json: { text: 'This is not our fault. The courier was late.' } });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { ok: boolean; findings: { rule: string }[] }).findings.map((f) => f.rule)).toContain('empathy-first');
    expect((await t.request('/api/v1/cases/case%3Anope/draft-check', { method: 'POST', as: 'viewer', json: { text: 'Sorry.' } })).status).toBe(404);
  });

  it('lets a viewer read the queue but not act on it', async () => {
    await post(review({ externalId: 'r9', author: { name: 'c', handle: 'c9' } }));
    expect((await act('case:jd:r9', 'claim', {}, 'viewer')).status).toBe(403);
    expect((await queue()).map((c) => c._id)).toEqual(['case:jd:r9']);
  });
});
