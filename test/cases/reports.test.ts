import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CaseReportsRepository } from '../../src/cases/case-reports.repository.js';
import { CasesReader } from '../../src/dashboards/cases-reader.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const review = (id: string, author: string) =>
  mention({ platform: 'jd', externalId: id, text: '快递太慢了，包装也破了', rating: 1, author: { name: author, handle: author }, extra: { productId: `sku-${id}` } });

describe('case reports (time to first reply and to resolution, share within 24 h, backlog)', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-20T08:00:00Z');
  beforeAll(async () => {
    t = await startTestApp({ label: 'case-reports', clock, config: { brands: [acmeBrand] } });
  });
  afterAll(async () => t.close());

  const act = async (id: string, action: string, json: unknown = {}) => expect((await t.request(`/api/v1/cases/case%3Ajd%3A${id}/${action}`, { method: 'POST', json, as: 'responder' })).status).toBe(201);
  const report = async (query: string, as: 'viewer' | 'responder' = 'viewer') => (await t.request(`/api/v1/case-reports?${query}`, { as })).json() as Promise<{ rows: Array<Record<string, unknown>> }>;

  it('reports a day\'s resolved cases by owner and the cases still open by age, for any signed-in role', async () => {
    expect((await t.request('/api/v1/mentions', { method: 'POST', json: [review('a', 'wang'), review('b', 'li'), review('c', 'zhao')] })).status).toBe(200);
    await act('a', 'assign', { owner: 'Zhang' });
    await act('b', 'assign', { owner: 'Zhang' });
    clock.set('2026-11-20T08:30:00Z');
    await act('a', 'replied', { url: 'https://item.jd.com/sku-a.html#reply' });
    clock.set('2026-11-20T10:00:00Z');
    await act('a', 'resolve');
    await act('b', 'resolve');
    const byOwner = await report('from=2026-11-20&to=2026-11-20&by=owner');
    expect(byOwner.rows).toEqual([expect.objectContaining({ value: 'Zhang', closed: 2, replied: 1, resolvedWithin24h: 1, open: 0 })]);
    const [median] = [byOwner.rows[0]!.firstReplyMedianMinutes as number];
    expect(Math.abs(median - 30) / 30).toBeLessThan(0.15);
    const all = await report('from=2026-11-20&to=2026-11-20');
    expect(all.rows).toEqual([expect.objectContaining({ value: 'all', closed: 2, open: 1, backlog: { today: 1, '1d': 0, '2-3d': 0, '4-7d': 0, older: 0 } })]);
  });

  it('takes a reopened case out of its closing day, also once that day is folded into its summary', async () => {
    clock.set('2026-11-21T09:00:00Z');
    expect((await report('from=2026-11-20&to=2026-11-21')).rows[0]).toMatchObject({ closed: 2, open: 1 });
    await act('b', 'reopen', { reason: 'customer wrote again' });
    expect((await report('from=2026-11-20&to=2026-11-21')).rows[0]).toMatchObject({ closed: 1, open: 2, backlog: expect.objectContaining({ '1d': 2 }) });
  });

  it('gives the dashboard panel the brand\'s cases of the period\'s days, a period ending at 00:00 UTC ending the day before', async () => {
    const panel = (from: string, to: string) => t.app.get(CasesReader).panel('acme', new Date(from), new Date(to));
    expect(await panel('2026-11-19T00:00:00Z', '2026-11-20T00:00:00Z')).toMatchObject({ closed: 0, open: 2 });
    expect(await panel('2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z')).toMatchObject({ closed: 1, resolvedWithin24h: 100, open: 2 });
    expect(await t.app.get(CasesReader).panel('other-brand', new Date('2026-11-20T00:00:00Z'), new Date('2026-11-21T00:00:00Z'))).toEqual({ closed: 0, resolvedWithin24h: null, firstReplyMedianMinutes: null, open: 0 });
  });

  it('exports the report as CSV and names a bad period\'s field', async () => {
    const csv = await t.request('/api/v1/case-reports/csv?from=2026-11-20&to=2026-11-21&by=brand', { as: 'viewer' });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n')[1]).toMatch(/^brand,acme,1,1,/);
    const bad = await t.request('/api/v1/case-reports?from=2026-11-21&to=2026-11-20', { as: 'viewer' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('"to" (2026-11-20) must not be before "from" (2026-11-21)');
  });

  it('counts today\'s closings of earlier hours and of the current one, and takes a reopened case out of an hour already folded', async () => {
    clock.set('2026-11-22T08:10:00Z');
    expect((await t.request('/api/v1/mentions', { method: 'POST', json: [review('d', 'qian'), review('e', 'sun')] })).status).toBe(200);
    await act('d', 'resolve');
    clock.set('2026-11-22T09:30:00Z');
    await act('e', 'resolve');
    const today = 'from=2026-11-22&to=2026-11-22';
    expect((await report(today)).rows[0]).toMatchObject({ closed: 2 });
    await act('d', 'reopen', { reason: 'not fixed' });
    expect((await report(today)).rows[0]).toMatchObject({ closed: 1 });
    clock.set('2026-11-23T00:05:00Z');
    expect((await report('from=2026-11-20&to=2026-11-23')).rows[0]).toMatchObject({ closed: 2 });
  });

  it('keeps the backlog to a few documents however many batches counted it, and reads nothing for days without closings', async () => {
    const repo = t.app.get(CaseReportsRepository);
    const before = await repo.backlog();
    for (let i = 0; i < 60; i++) {
      await repo.countBacklog([['20261101', 'brand=other', 1], ['20261102', 'brand=other', i % 2 ? -1 : 1]]);
      // Reading folds once deltas pile up.
      if (i % 10 === 9) await repo.backlog();
    }
    expect((await repo.backlog())['brand=other']).toEqual({ '20261101': 60 });
    await repo.countBacklog([['20261101', 'brand=other', -60]]);
    expect(await repo.backlog()).toEqual(before);
    expect(await t.connection.db!.collection('case_backlog_counts').countDocuments({})).toBeLessThan(30);
    // A month of days no case was resolved in: no day is folded, so nothing is written for them either.
    expect((await report('from=2026-10-01&to=2026-10-31')).rows).toEqual([expect.objectContaining({ value: 'all', closed: 0 })]);
    const names = (await t.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names.filter((n) => /^case_(report_202610|report_hours_202610|closings_202610)/.test(n))).toEqual([]);
  });

  it('upgrades data stored before: closings of unmarked days still count, and the $inc backlog becomes the ledger', async () => {
    const db = t.connection.db!;
    const closing = { _id: 'case:jd:old', day: '20261105', keys: ['all', 'brand=acme', 'platform=jd', 'team=care'], resolveMinutes: 90 };
    await db.collection('case_closings_2026110503').insertOne({ _id: closing._id, c: JSON.stringify(closing) } as never);
    await db.collection('case_backlog').insertOne({ _id: '20261104', k: { all: 2, 'brand%3Dacme': 2 } } as never);
    await db.collection('case_report_meta').deleteOne({ _id: 'v2' } as never);
    const repo = t.app.get(CaseReportsRepository);
    const before = (await repo.backlog()).all ?? {};
    await repo.onModuleInit();
    await repo.onModuleInit();
    expect((await report('from=2026-11-05&to=2026-11-05')).rows[0]).toMatchObject({ closed: 1, resolvedWithin24h: 1 });
    expect((await repo.backlog()).all).toEqual({ ...before, '20261104': 2 });
    expect((await repo.backlog())['brand=acme']).toMatchObject({ '20261104': 2 });
    expect((await db.listCollections({ name: 'case_backlog' }).toArray()).length).toBe(0);
  });
});
