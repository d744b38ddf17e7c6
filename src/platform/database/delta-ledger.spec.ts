import { describe, expect, it } from '@jest/globals';
import { currentDocs, DirtyMarks, type DeltaDoc } from './delta-ledger.js';

type Doc = DeltaDoc & { g: string };
const delta = (g: string, id: string): Doc => ({ _id: `d|${g}|${id}`, g, kind: 'd' });
const summary = (g: string, gen: number, folded: string[]): Doc => ({ _id: `s|${g}|${gen}`, g, kind: 's', gen, folded: JSON.stringify(folded) });

describe('currentDocs', () => {
  it('reads per group the newest summary and the deltas it has not folded', () => {
    const docs = [delta('a', '1'), delta('a', '2'), summary('a', 1, ['d|a|1']), summary('a', 2, ['d|a|1']), delta('b', '3')];
    const current = currentDocs(docs, (d) => d.g);
    expect(current.get('a')!.map((d) => d._id).sort()).toEqual(['d|a|2', 's|a|2']);
    expect(current.get('b')!.map((d) => d._id)).toEqual(['d|b|3']);
  });

  it('reads a document stored whole before deltas (no kind) as the first summary', () => {
    const whole = { _id: 'a', g: 'a' } as Doc;
    expect(currentDocs([whole, delta('a', '1')], (d) => d.g).get('a')).toEqual([whole, delta('a', '1')]);
    expect(currentDocs([whole, summary('a', 1, [])], (d) => d.g).get('a')).toEqual([summary('a', 1, [])]);
  });
});

describe('DirtyMarks', () => {
  it('marks a partition once per interval, and again after a compaction of this process', () => {
    const marks = new DirtyMarks(5_000);
    expect(marks.due(['20261206', '20261205'], 0)).toEqual(['20261206', '20261205']);
    expect(marks.due(['20261206'], 4_999)).toEqual([]);
    expect(marks.due(['20261206'], 5_000)).toEqual(['20261206']);
    marks.forget();
    expect(marks.due(['20261206'], 5_001)).toEqual(['20261206']);
  });
});
