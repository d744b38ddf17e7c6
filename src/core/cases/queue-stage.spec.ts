import { describe, expect, it } from '@jest/globals';
import type { QueueEntry } from './queue.js';
import { foldPlan, partitionEntries, StageView, withStaged, type StagedMove } from './queue-stage.js';

const entry = (id: string, snippet = id): QueueEntry =>
  ({ _id: id, brand: 'acme', platform: 'weibo', team: 'care', state: 'open', reach: 1, reasons: [], deadline: 'first-reply', dueAt: new Date(Date.UTC(2026, 10, 20, 8)), snippet, mentions: 1, openedAt: new Date(Date.UTC(2026, 10, 20, 7)) }) as QueueEntry;
const P = { key: 'all', part: '202611200800w10' };
const Q = { key: 'all', part: '202611200810w10' };
const B = { key: 'brand=acme', part: '202611200800w60' };
const move = (id: string, v: number, ...placed: { key: string; part: string }[]): StagedMove => ({ entry: entry(id), v, placed });

describe('the reply queue stage (new cases written as one batch, folded into partitions later)', () => {
  it('counts staged entries per partition of each key, added to the directory counts', () => {
    const view = new StageView([move('c1', 1, P, B), move('c2', 1, P), move('c3', 1, Q)], []);
    expect(view.counts('all')).toEqual({ [P.part]: 2, [Q.part]: 1 });
    expect(view.counts('brand=acme')).toEqual({ [B.part]: 1 });
    expect(withStaged({ [P.part]: 3, [Q.part]: -1, waiting: 1 }, view.counts('all'))).toEqual({ [P.part]: 5, waiting: 1 });
  });

  it('lists a partition from its stored entries and the staged ones, the newer version of a case once', () => {
    const view = new StageView([move('c1', 1, P), move('c2', 1, P)], []);
    const stored = [{ entry: entry('c1', 'claimed'), v: 2 }, { entry: entry('c9'), v: 4 }];
    const listed = partitionEntries(P, stored, view);
    expect(listed.map((e) => [e._id, e.snippet]).sort()).toEqual([['c1', 'claimed'], ['c2', 'c2'], ['c9', 'c9']]);
  });

  it('leaves out a copy at a partition a newer change of its case left, staged or stored, and keeps one placed there again later', () => {
    const view = new StageView([move('c1', 1, P, B)], [{ caseId: 'c1', v: 2, left: [P] }]);
    expect(partitionEntries(P, [{ entry: entry('c1'), v: 1 }], view)).toEqual([]);
    expect(partitionEntries(B, [], view).map((e) => e._id)).toEqual(['c1']);
    expect(partitionEntries(P, [{ entry: entry('c1', 'back'), v: 3 }], view).map((e) => e.snippet)).toEqual(['back']);
  });

  it('plans a fold as one insert per partition for all batches and one count per batch and key', () => {
    const plan = foldPlan([
      { id: 'b|1', moves: [move('c1', 1, P, B), move('c2', 1, P)] },
      { id: 'b|2', moves: [move('c3', 1, P)] },
    ]);
    expect([...plan.inserts.values()].map((i) => [i.p.part, i.entries.map((x) => x.entry._id)])).toEqual([
      [P.part, ['c1', 'c2', 'c3']],
      [B.part, ['c1']],
    ]);
    expect(plan.counts.get('all')).toEqual([
      { batch: 'b|1', parts: { [P.part]: 2 } },
      { batch: 'b|2', parts: { [P.part]: 1 } },
    ]);
    expect(plan.counts.get('brand=acme')).toEqual([{ batch: 'b|1', parts: { [B.part]: 1 } }]);
  });
});
