import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CaseQueueRepository } from '../../src/cases/case-queue.repository.js';
import { CaseSlaService } from '../../src/cases/case-sla.service.js';
import { partitionHolds, PARTITION_CAP, readingOrder } from '../../src/core/cases/queue-partitions.js';
import { compareQueue, type QueueEntry } from '../../src/core/cases/queue.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const care = { id: 'care', name: 'Customer care', members: [{ name: 'Care lead', email: 'lead@care.test', role: 'lead' as const }], channels: [] };
const PER_REQUEST = 120;
const REQUESTS = 3;

describe('the reply queue after a burst of cases opened in one minute', () => {
  let t: TestApp;
  let queue: CaseQueueRepository;
  const clock = new ManualClock('2026-11-20T08:00:00Z');
  beforeAll(async () => {
    t = await startTestApp({ label: 'case_burst', clock, config: { brands: [acmeBrand], teams: [care] } });
    queue = t.app.get(CaseQueueRepository);
  });
  afterAll(async () => t.close());

  const review = (n: number) =>
    mention({ platform: 'jd', externalId: `burst-${n}`, text: '快递太慢了，包装也破了', rating: 1, author: { name: `买家${n}`, handle: `buyer${n}` }, engagement: { likes: 0, shares: 0, comments: 0, views: (n * 37) % 101 }, extra: { productId: `sku-${n}` } });
  const stored = async (key: string) => {
    const parts = await queue.parts(key);
    const read = await Promise.all(Object.keys(parts).map(async (part) => ({ part, entries: await queue.entries(key, part) })));
    return { parts, read, sorted: read.flatMap((r) => r.entries).sort(compareQueue) };
  };

  it('keeps every partition within PARTITION_CAP entries, the queue in its order, and pages and the SLA pass reading only the partitions they need', async () => {
    // Three requests 15 s apart: every case of a request starts its clock at the same ms, so 120 cases share each due time.
    for (let r = 0; r < REQUESTS; r++) {
      clock.set(Date.parse('2026-11-20T08:00:00Z') + r * 15_000);
      const items = Array.from({ length: PER_REQUEST }, (_, i) => review(r * PER_REQUEST + i));
      expect((await t.request('/api/v1/mentions', { method: 'POST', json: items })).status).toBe(200);
    }
    await queue.fold();

    for (const key of ['all', 'brand=acme', 'platform=jd', 'team=care', 'brand=acme&platform=jd']) {
      const { parts, read, sorted } = await stored(key);
      expect(sorted.length).toBe(PER_REQUEST * REQUESTS);
      expect(Object.values(parts).reduce((n, c) => n + c, 0)).toBe(PER_REQUEST * REQUESTS);
      expect(Math.max(...Object.values(parts))).toBeLessThanOrEqual(PARTITION_CAP);
      // Each partition holds only due times it covers, so reading by partition start is reading in due order.
      for (const { part, entries } of read) expect(entries.every((e) => partitionHolds(part, e.dueAt, false))).toBe(true);
    }

    const { parts, sorted } = await stored('all');
    const page = async (limit: number) => (await (await t.request(`/api/v1/cases?limit=${limit}`, { as: 'viewer' })).json()) as { cases: QueueEntry[]; partitionsRead: number };
    const first = await page(50);
    expect(first.cases.map((c) => c._id)).toEqual(sorted.slice(0, 50).map((e) => e._id));
    // The first page needs every case due at the first due time (they sort by reach), and nothing due later.
    expect(first.partitionsRead).toBe(Math.ceil(PER_REQUEST / PARTITION_CAP));
    const longer = await page(400);
    expect(longer.cases.map((c) => c._id)).toEqual(sorted.slice(0, 400).map((e) => e._id));
    expect(readingOrder(parts).length).toBe(Math.ceil((PER_REQUEST * REQUESTS) / PARTITION_CAP));

    // An hour before the first due time, exactly the cases due then get their reminder, and nothing later is read.
    clock.set('2026-11-20T11:00:00Z');
    const fired = await t.app.get(CaseSlaService).run(clock.now());
    const dueFirst = sorted.filter((e) => e.dueAt.getTime() === Date.parse('2026-11-20T12:00:00Z')).map((e) => e._id);
    expect(dueFirst.length).toBe(PER_REQUEST);
    expect([...new Set(fired.map((f) => f.caseId))].sort()).toEqual([...dueFirst].sort());
    expect(new Set(fired.map((f) => f.step))).toEqual(new Set(['remind-first-reply']));
  }, 240_000);
});
