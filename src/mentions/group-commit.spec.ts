import { describe, expect, it } from '@jest/globals';
import { GroupCommit } from './group-commit.js';

/** A write that records what it was given and finishes when told to. */
function recorder() {
  const writes: string[][] = [];
  const gates: (() => void)[] = [];
  let fail: string | null = null;
  const write = async (items: string[]) => {
    writes.push(items);
    await new Promise<void>((r) => gates.push(r));
    if (fail) throw new Error(fail);
  };
  const open = async () => {
    while (gates.length === 0) await new Promise((r) => setImmediate(r));
    gates.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { writes, write, open, failWith: (m: string | null) => (fail = m) };
}

describe('GroupCommit', () => {
  it('writes the batches that arrive during a write together, in arrival order', async () => {
    const r = recorder();
    const commit = new GroupCommit(r.write, (s: string) => s, 1000);
    const first = commit.submit(['a1', 'a2']);
    const later = [commit.submit(['b1']), commit.submit(['c1', 'c2'])];
    await r.open();
    await first;
    await r.open();
    await Promise.all(later);
    expect(r.writes).toEqual([['a1', 'a2'], ['b1', 'c1', 'c2']]);
  });

  it('never joins batches that share a key, so each copy is written as its caller sent it', async () => {
    const r = recorder();
    const commit = new GroupCommit(r.write, (s: string) => s.split(':')[0]!, 1000);
    const all = [commit.submit(['x:1']), commit.submit(['y:1', 'k:old']), commit.submit(['k:new']), commit.submit(['z:1'])];
    for (let i = 0; i < 3; i++) await r.open();
    await Promise.all(all);
    expect(r.writes).toEqual([['x:1'], ['y:1', 'k:old', 'z:1'], ['k:new']]);
  });

  it('keeps a joined write within the size limit; a larger batch is written alone', async () => {
    const r = recorder();
    const commit = new GroupCommit(r.write, (s: string) => s, 3);
    const all = [commit.submit(['a']), commit.submit(['b', 'c']), commit.submit(['d', 'e']), commit.submit(['f', 'g', 'h', 'i'])];
    for (let i = 0; i < 4; i++) await r.open();
    await Promise.all(all);
    expect(r.writes).toEqual([['a'], ['b', 'c'], ['d', 'e'], ['f', 'g', 'h', 'i']]);
  });

  it('fails every caller of a failed write and goes on with the next', async () => {
    const r = recorder();
    const commit = new GroupCommit(r.write, (s: string) => s, 1000);
    const first = commit.submit(['a']);
    const joined = [commit.submit(['b']), commit.submit(['c'])];
    await r.open();
    await first;
    r.failWith('disk full');
    await r.open();
    await expect(joined[0]).rejects.toThrow('disk full');
    await expect(joined[1]).rejects.toThrow('disk full');
    r.failWith(null);
    const after = commit.submit(['d']);
    await r.open();
    await after;
    expect(r.writes).toEqual([['a'], ['b', 'c'], ['d']]);
  });
});
