import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const brand = { ...acmeBrand, officialAccounts: { weibo: ['@阿克米官方'], jd: ['阿克米京东自营旗舰店'] } };
const review = (o: Record<string, unknown> = {}) =>
  mention({ platform: 'jd', externalId: 'r1', url: 'https://item.jd.com/sku-9#r1', text: '快递太慢了，包装也破了', rating: 1, author: { name: '买家小王', handle: 'wang88' }, extra: { productId: 'sku-9' }, ...o });

describe('cases replied from evidence: the official account\'s reply, the merchant\'s reply', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ label: 'case-reply-evidence', config: { brands: [brand] } });
  });
  afterAll(async () => t.close());

  const post = async (items: unknown) => expect((await t.request('/api/v1/mentions', { method: 'POST', json: items })).status).toBe(200);
  const caseOf = async (id: string) => (await t.request(`/api/v1/cases/${encodeURIComponent(id)}`, { as: 'viewer' })).json() as Promise<Record<string, unknown> & { history: { by: string; action: string }[] }>;
  const queue = async () => ((await (await t.request('/api/v1/cases', { as: 'viewer' })).json()) as { cases: { _id: string }[] }).cases.map((c) => c._id);

  it('marks a complaint replied when the brand\'s official account replies to it, at the reply\'s time, and opens no case for the reply', async () => {
    await post(mention({ externalId: 'w-late', text: '@阿克米 外卖晚了一个小时，饭都凉了，怎么回事？', author: { name: '小李', handle: 'xiaoli' }, publishedAt: '2026-11-20T08:00:00Z' }));
    expect((await caseOf('case:weibo:w-late')).state).toBe('open');
    await post(mention({ externalId: 'w-sorry', url: 'https://weibo.com/acme/w-sorry', text: '@小李 非常抱歉让您久等了，为什么会这样我们正在查，已私信您退款', author: { name: '阿克米官方', handle: '@阿克米官方' }, publishedAt: '2026-11-20T08:25:00Z', extra: { inReplyTo: 'w-late' } }));
    const c = await caseOf('case:weibo:w-late');
    expect(c).toMatchObject({ state: 'replied', firstRepliedAt: '2026-11-20T08:25:00.000Z', replyUrl: 'https://weibo.com/acme/w-sorry' });
    expect(c.history.at(-1)).toMatchObject({ by: 'official:@阿克米官方', action: 'replied' });
    expect(await queue()).not.toContain('case:weibo:w-sorry');
  });

  it('marks a review replied when the marketplace shows the merchant\'s reply, when first seen or on a later scrape', async () => {
    await post(review({ externalId: 'r-answered', extra: { productId: 'sku-9', merchantReply: { text: '亲，非常抱歉，已为您补发', at: '2026-11-20T07:40:00Z' } }, publishedAt: '2026-11-20T07:00:00Z' }));
    expect(await caseOf('case:jd:r-answered')).toMatchObject({ state: 'replied', firstRepliedAt: '2026-11-20T07:40:00.000Z', replyUrl: 'https://item.jd.com/sku-9#r1' });

    await post(review({ externalId: 'r-later', author: { name: '买家老赵', handle: 'zhao' } }));
    expect((await caseOf('case:jd:r-later')).state).toBe('open');
    await post(review({ externalId: 'r-later', author: { name: '买家老赵', handle: 'zhao' }, extra: { productId: 'sku-9', merchantReply: '亲，已联系快递加急', merchantReplyAt: '2026-11-20T08:50:00Z', merchantReplyUrl: 'https://item.jd.com/sku-9#r-later-reply' } }));
    const c = await caseOf('case:jd:r-later');
    expect(c).toMatchObject({ state: 'replied', firstRepliedAt: '2026-11-20T08:50:00.000Z', replyUrl: 'https://item.jd.com/sku-9#r-later-reply' });
    expect(c.history.at(-1)).toMatchObject({ by: 'merchant', action: 'replied' });
  });
});
