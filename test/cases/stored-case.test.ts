import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CasesPersonalData } from '../../src/cases/cases.personal-data.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const text = '快递太慢了，包装也破了';
const review = (o: Record<string, unknown> = {}) =>
  mention({ platform: 'jd', externalId: 'r1', text, url: 'https://item.jd.com/r1', rating: 1, author: { name: '买家小王', handle: 'wang88' }, extra: { productId: 'sku-9' }, ...o });

describe('case documents in their stored form', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ label: 'stored-case', config: { brands: [acmeBrand] } });
  });
  afterAll(async () => t.close());

  const raw = (id: string) => t.connection.db!.collection<Record<string, unknown>>('cases_open').findOne({ _id: id as never });
  const read = async (id: string) => (await (await t.request(`/api/v1/cases/${encodeURIComponent(id)}`, { as: 'viewer' })).json()) as Record<string, unknown>;
  const held = async (needle: string) =>
    (await t.app.get(CasesPersonalData).find({ mentions: [], hashes: [], needles: [needle], names: [] })).filter((h) => h.where.startsWith('cases_open/')).map((h) => h.data);

  it('stores a new case without the first mention’s copy of its text and link, and reads and exports it whole', async () => {
    expect((await t.request('/api/v1/mentions', { method: 'POST', json: review() })).status).toBe(200);
    const stored = (await raw('case:jd:r1'))!;
    expect(stored.mentions).toEqual([{ at: expect.any(Date) }]);
    expect((stored.queued as unknown[]).every((p) => typeof p === 'string')).toBe(true);
    const c = await read('case:jd:r1');
    expect(c.mentions).toEqual([{ id: 'jd:r1', url: 'https://item.jd.com/r1', text, at: expect.any(String) }]);
    const [exported] = (await held(text)) as { mentions: unknown[]; queued: unknown[] }[];
    expect(exported!.mentions).toEqual([{ id: 'jd:r1', url: 'https://item.jd.com/r1', text, at: expect.any(Date) }]);
    expect(exported!.queued.every((p) => typeof p === 'object')).toBe(true);
  });

  it('reads a case document of the earlier layout as it is, and writes the stored form on its next change', async () => {
    const earlier = { ...(await raw('case:jd:r1'))!, _id: 'case:jd:old1', threadKey: 'old-thread' } as Record<string, unknown>;
    earlier.mentions = [{ id: 'jd:old1', url: earlier.url, text, at: new Date('2026-11-20T07:00:00Z') }];
    earlier.queued = [];
    await t.connection.db!.collection<Record<string, unknown>>('cases_open').insertOne(earlier);
    const before = await read('case:jd:old1');
    expect(before.mentions).toEqual([{ id: 'jd:old1', url: 'https://item.jd.com/r1', text, at: '2026-11-20T07:00:00.000Z' }]);
    expect((await t.request('/api/v1/cases/case%3Ajd%3Aold1/claim', { method: 'POST', json: {}, as: 'responder' })).status).toBe(201);
    expect((await raw('case:jd:old1'))!.mentions).toEqual([{ at: new Date('2026-11-20T07:00:00Z') }]);
    const after = await read('case:jd:old1');
    expect(after.mentions).toEqual(before.mentions);
    expect(after.state).toBe(before.state);
  });
});
