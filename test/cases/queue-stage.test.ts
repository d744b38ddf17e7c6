import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CaseQueueRepository, type QueueMove } from '../../src/cases/case-queue.repository.js';
import { CaseSlaService } from '../../src/cases/case-sla.service.js';
import type { QueueEntry } from '../../src/core/cases/queue.js';
import { keyCode } from '../../src/core/cases/queue-partitions.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand } from '../support/factories.js';

describe('the reply queue stage (a batch of new cases in one insert, folded into partitions later)', () => {
  let t: TestApp;
  let queue: CaseQueueRepository;
  beforeAll(async () => {
    t = await startTestApp({ label: 'case-stage', config: { brands: [acmeBrand] } });
    queue = t.app.get(CaseQueueRepository);
  });
  afterAll(async () => t.close());

  const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 8, minute));
  const entry = (id: string, minute: number, snippet = id): QueueEntry =>
    ({ _id: id, brand: 'acme', platform: 'weibo', team: 'care', state: 'open', reach: 1, reasons: [], deadline: 'first-reply', dueAt: at(minute), snippet, mentions: 1, openedAt: at(0) }) as QueueEntry;
  const stage = () => t.connection.db!.collection<{ _id: string }>('case_queue_stage');
  const listed = async (key: string) => {
    const parts = await queue.parts(key);
    const ids = (await Promise.all(Object.keys(parts).map((p) => queue.entries(key, p)))).flat().map((e) => `${e._id}:${e.snippet}`);
    return { count: Object.values(parts).reduce((n, c) => n + c, 0), ids: ids.sort() };
  };

  it('lists and counts new cases from the stage before the fold, and exactly once after it, even when a fold is repeated after a crash', async () => {
    const P = { key: 'team=stage1', part: '202611200800w10' };
    const moves: QueueMove[] = ['s1', 's2', 's3'].map((id) => ({ id, v: 1, entry: entry(id, 1), placed: [P], previous: [] }));
    await queue.move(moves);
    expect(await stage().countDocuments({})).toBe(1);
    expect(await listed(P.key)).toEqual({ count: 3, ids: ['s1:s1', 's2:s2', 's3:s3'] });

    const staged = await stage().find({}).toArray();
    await queue.fold();
    expect(await stage().countDocuments({})).toBe(0);
    expect(await listed(P.key)).toEqual({ count: 3, ids: ['s1:s1', 's2:s2', 's3:s3'] });
    // A fold that died before removing the batch leaves it staged: the next fold copies and counts nothing twice.
    await stage().insertMany(staged);
    await queue.fold();
    expect(await listed(P.key)).toEqual({ count: 3, ids: ['s1:s1', 's2:s2', 's3:s3'] });
  });

  it('keeps no stale copy of a case that changed before its batch was folded, wherever it moved', async () => {
    const [P, Q] = [{ key: 'team=stage2', part: '202611200800w10' }, { key: 'team=stage2', part: '202611200810w10' }];
    await queue.move([
      { id: 'm1', v: 1, entry: entry('m1', 1), placed: [P], previous: [] },
      { id: 'm2', v: 1, entry: entry('m2', 2), placed: [P], previous: [] },
      { id: 'm3', v: 1, entry: entry('m3', 3), placed: [P], previous: [] },
    ]);
    // Before the fold: m1 moves on to a later partition, m2 is resolved, m3 changes in place.
    await queue.move([
      { id: 'm1', v: 2, entry: entry('m1', 12, 'moved'), placed: [Q], previous: [P] },
      { id: 'm2', v: 2, entry: null, placed: [], previous: [P] },
      { id: 'm3', v: 2, entry: entry('m3', 3, 'claimed'), placed: [P], previous: [P] },
    ]);
    expect(await listed(P.key)).toEqual({ count: 4, ids: ['m1:moved', 'm3:claimed'] });
    await queue.fold();
    expect(await listed(P.key)).toEqual({ count: 2, ids: ['m1:moved', 'm3:claimed'] });
    // The copies the fold wrote late were taken out again: m1 is gone from its first partition.
    expect((await queue.entries(P.key, P.part)).map((e) => e._id)).toEqual(['m3']);
  });

  it('folds by itself every few batches, so the stage stays a few documents however much is ingested', async () => {
    for (let i = 0; i < 40; i++) await queue.move([{ id: `f${i}`, v: 1, entry: entry(`f${i}`, 20), placed: [{ key: 'team=stage3', part: '202611200820w10' }], previous: [] }]);
    // The fold runs beside the writes, not inside the one that started it.
    await queue.folded();
    expect((await stage().find({}).toArray()).filter((d) => d._id.startsWith('b|')).length).toBeLessThan(32);
    expect((await listed('team=stage3')).count).toBe(40);
  });

  it('finishes a fold started by a write before the app closes, so shutdown cuts no fold short', async () => {
    const dbName = `t_case_stage_close_${Date.now().toString(36)}`;
    const P = { key: 'team=stage5', part: '202611200840w10' };
    const first = await startTestApp({ label: 'case-stage-close', config: { brands: [acmeBrand], dbName }, dropOnClose: false });
    const own = first.app.get(CaseQueueRepository);
    // A fresh process folds after its 32nd stage write: the last write starts the fold and returns before it ends.
    for (let i = 0; i < 32; i++) await own.move([{ id: `c${i}`, v: 1, entry: entry(`c${i}`, 40), placed: [P], previous: [] }]);
    await first.app.close();
    const again = await startTestApp({ label: 'case-stage-close', config: { brands: [acmeBrand], dbName } });
    try {
      const staged = await again.connection.db!.collection<{ _id: string }>('case_queue_stage').find({}).toArray();
      expect(staged.filter((d) => d._id.startsWith('b|'))).toEqual([]);
      const copies = await again.connection.db!.collection<{ _id: string }>(`case_queue_${keyCode(P.key)}_${P.part}`).find({}).toArray();
      expect(copies.map((d) => d._id).sort()).toEqual(Array.from({ length: 32 }, (_, i) => `c${i}`).sort());
    } finally {
      await again.close();
    }
  });

  it('is folded by the case SLA pass once it holds a few batches, so a burst leaves no batches waiting for the next one', async () => {
    const P = { key: 'team=stage4', part: '202611200830w10' };
    const batches = async () => (await stage().find({}).toArray()).filter((d) => d._id.startsWith('b|')).length;
    await queue.fold();
    for (let i = 0; i < 7; i++) await queue.move([{ id: `q${i}`, v: 1, entry: entry(`q${i}`, 30), placed: [P], previous: [] }]);
    await t.app.get(CaseSlaService).run(at(0));
    expect(await batches()).toBe(7);
    await queue.move([{ id: 'q7', v: 1, entry: entry('q7', 30), placed: [P], previous: [] }]);
    await t.app.get(CaseSlaService).run(at(0));
    expect(await batches()).toBe(0);
    expect((await listed(P.key)).count).toBe(8);
  });
});
