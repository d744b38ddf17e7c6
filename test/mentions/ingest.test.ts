import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BucketsRepository } from '../../src/mentions/buckets.repository.js';
import { MentionsService } from '../../src/mentions/mentions.service.js';
import { MentionStates } from '../../src/mentions/mention-states.js';
import { dropCollections, storedMentions } from '../support/stored.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

describe('mention ingest through POST /api/v1/mentions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ label: 'ingest', config: { brands: [acmeBrand] } });
  });
  afterAll(async () => t.close());

  const buckets = async () =>
    (await (await t.request('/api/v1/buckets?brand=acme&from=2026-11-20T08:00:00Z&to=2026-11-20T08:15:00Z')).json()) as Array<Record<string, number>>;

  it('stores the same item twice as one document and updates its engagement', async () => {
    const first = await t.request('/api/v1/mentions', { method: 'POST', json: mention({ externalId: 'dup-1' }) });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ imported: 1, updated: 0 });
    const again = await t.request('/api/v1/mentions', { method: 'POST', json: mention({ externalId: 'dup-1', engagement: { likes: 40, shares: 7, comments: 2, views: 300 } }) });
    expect(await again.json()).toMatchObject({ imported: 0, updated: 1 });
    // One document; its engagement as the mentions service reads it (document plus its newest observation).
    const docs = await storedMentions(t.connection, { externalId: 'dup-1' });
    expect(docs).toHaveLength(1);
    const mentions = t.app.get(MentionsService);
    expect((await mentions.get('weibo', 'dup-1', t.clock.now()))!.engagement).toEqual({ likes: 40, shares: 7, comments: 2, views: 300 });
    expect(await mentions.snapshots({ platform: 'weibo', externalId: 'dup-1' }, t.clock.now())).toHaveLength(2);
  });

  it('keeps bucket counters exact across mixed inserts, updates and unchanged re-sends', async () => {
    await t.app.get(BucketsRepository).clear(new Date(0), new Date(8.64e15));
    await dropCollections(t.connection, 'mentions_', 'mention_keys_', 'mention_revs_', 'journal_');
    t.app.get(MentionStates).clear();
    const batch = [
      mention({ externalId: 'b1', text: 'Acme food was delicious, love it', engagement: { likes: 2, shares: 1, comments: 0, views: 0 } }),
      mention({ externalId: 'b2', text: 'Found a hair in my Acme dish, disgusting. Never again!', publishedAt: '2026-11-20T08:04:59Z', engagement: { likes: 10, shares: 5, comments: 3, views: 0 } }),
      mention({ externalId: 'b3', platform: 'jd', text: '阿克米外卖送得很快，味道也不错', publishedAt: '2026-11-20T08:07:00Z', engagement: { likes: 1, shares: 0, comments: 0, views: 0 } }),
    ];
    expect(await (await t.request('/api/v1/mentions', { method: 'POST', json: batch })).json()).toMatchObject({ imported: 3 });
    // the same batch again, with one engagement change: only that delta may move the counters
    const resend = [batch[0], { ...batch[1], engagement: { likes: 110, shares: 1005, comments: 3, views: 0 } }, batch[2]];
    expect(await (await t.request('/api/v1/mentions', { method: 'POST', json: { mentions: resend } })).json()).toMatchObject({ imported: 0, updated: 1, unchanged: 2 });
    const series = await buckets();
    expect(series.map((b) => b.total)).toEqual([2, 1, 0]);
    expect(series[0]).toMatchObject({ total: 2, negative: 1, positive: 1, likes: 112, shares: 1006, comments: 3 });
    expect(series[1]).toMatchObject({ total: 1, positive: 1, likes: 1 });
    const stored = await t.app.get(BucketsRepository).range('acme', new Date('2026-11-20T00:00:00Z'), new Date('2026-11-21T00:00:00Z'));
    expect(stored.map((b) => b.platform).sort()).toEqual(['jd', 'weibo']);
  });

  it('rejects invalid items one by one with the field and keeps the valid ones', async () => {
    const res = await t.request('/api/v1/mentions', { method: 'POST', json: [mention({ externalId: 'ok-1' }), mention({ externalId: 'bad-1', publishedAt: 'not a date' }), mention({ externalId: 'bad-2', brand: 'nobody' })] });
    const body = (await res.json()) as { imported: number; rejected: { index: number; error: string }[] };
    expect(body.imported).toBe(1);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(body.rejected[0].error).toMatch(/^publishedAt:/);
    expect(body.rejected[1].error).toMatch(/unknown brand "nobody"/);
  });

  it('answers 401 without a token, 403 for a viewer, 400 for unknown fields and $-keys, 413 for a huge body', async () => {
    expect((await t.request('/api/v1/mentions', { method: 'POST', as: null, json: mention() })).status).toBe(401);
    expect((await t.request('/api/v1/mentions', { method: 'POST', as: 'viewer', json: mention() })).status).toBe(403);
    const unknown = await t.request('/api/v1/mentions', { method: 'POST', json: mention({ colour: 'red' }) });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/colour: unknown field/);
    const dollar = await t.request('/api/v1/mentions', { method: 'POST', json: mention({ extra: { $where: '1' } }) });
    expect(dollar.status).toBe(400);
    expect(((await dollar.json()) as { message: string }).message).toMatch(/extra\.\$where/);
    const huge = await t.request('/api/v1/mentions', { method: 'POST', json: mention({ text: 'x'.repeat(6 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    expect((await t.request('/api/v1/mentions', { as: 'viewer' })).status).toBe(200);
    expect((await t.request('/healthz', { as: null })).status).toBe(200);
    expect((await t.request('/readyz', { as: null })).status).toBe(200);
    expect((await t.request('/metrics', { as: null })).status).toBe(401);
  });

  it('refuses a $-key or a non-http link per item, with the words import uses, and keeps the valid items', async () => {
    const res = await t.request('/api/v1/mentions', { method: 'POST', json: [mention({ externalId: 'sec-ok' }), mention({ externalId: 'sec-1', $where: 'sleep(1)' }), mention({ externalId: 'sec-2', url: 'javascript:alert(1)' })] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { imported: number; rejected: { index: number; error: string }[] };
    expect(body.imported).toBe(1);
    expect(body.rejected).toEqual([
      { index: 1, error: '$where: keys starting with "$" are not allowed' },
      { index: 2, error: 'url: only http and https links are allowed, not "javascript:"' },
    ]);
    const wrapper = await t.request('/api/v1/mentions', { method: 'POST', json: { mentions: [mention()], $where: '1' } });
    expect(wrapper.status).toBe(400);
    expect(await storedMentions(t.connection, { externalId: { $in: ['sec-1', 'sec-2'] } })).toHaveLength(0);
  });

  it('refuses batches over the limit', async () => {
    const res = await t.request('/api/v1/mentions', { method: 'POST', json: Array.from({ length: 1001 }, (_, i) => mention({ externalId: `big-${i}` })) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/at most 1000/);
  });

  it('answers each of several clients pushing at once for its own items, whatever batch they were written in', async () => {
    const requests = ['c1', 'c2', 'c3', 'c4'].map((client) => Array.from({ length: 5 }, (_, i) => mention({ externalId: `${client}-${i}` })));
    // Two clients send the same post: it is stored once, new for one of them and re-seen by the other.
    requests[2]!.push(mention({ externalId: 'shared-1' }));
    requests[3]!.push(mention({ externalId: 'shared-1', engagement: { likes: 9, shares: 0, comments: 0, views: 0 } }));
    requests[3]!.push(mention({ externalId: 'bad-c4', publishedAt: 'soon' }));
    const bodies = (await Promise.all(requests.map(async (json) => (await t.request('/api/v1/mentions', { method: 'POST', json })).json()))) as {
      imported: number;
      updated: number;
      unchanged: number;
      rejected: { index: number }[];
      ids: string[];
    }[];
    for (const [i, body] of bodies.entries()) expect(body.ids.sort()).toEqual(requests[i]!.filter((m) => m.externalId !== 'bad-c4').map((m) => `weibo:${m.externalId as string}`).sort());
    expect(bodies.slice(0, 2).map((b) => b.imported)).toEqual([5, 5]);
    expect(bodies[2]!.imported + bodies[3]!.imported).toBe(11);
    expect(bodies[2]!.updated + bodies[3]!.updated).toBe(1);
    expect(bodies[3]!.rejected.map((r) => r.index)).toEqual([6]);
    expect(await storedMentions(t.connection, { externalId: 'shared-1' })).toHaveLength(1);
    // The copy written last is the one that reported it as re-seen.
    expect((await t.app.get(MentionsService).get('weibo', 'shared-1', t.clock.now()))!.engagement.likes).toBe(bodies[3]!.updated ? 9 : 1);
  });

  it('counts ingests in /metrics', async () => {
    const text = await (await t.request('/metrics', { as: 'viewer' })).text();
    expect(text).toMatch(/goldenhour_mentions_ingested_total\{outcome="new",source="api"\} \d+/);
  });
});
