import { describe, expect, it } from '@jest/globals';
import { emptyCounts, type BucketPoint } from '../core/mention/bucket.js';
import { SeriesWindows } from './series-window.js';

const B = 5 * 60_000;
const H = 12 * B;

/** A bucket store that records the ranges it was asked for. */
function store(count: (start: number) => number) {
  const reads: [number, number][] = [];
  const read = async (from: Date, to: Date): Promise<BucketPoint[]> => {
    reads.push([from.getTime(), to.getTime()]);
    const out: BucketPoint[] = [];
    for (let s = from.getTime(); s < to.getTime(); s += B) out.push({ start: s, ...emptyCounts(), total: count(s) });
    return out;
  };
  return { reads, read };
}

describe(SeriesWindows.name, () => {
  it('reads the whole window once, then only its last hour, and serves the same series a full read would', async () => {
    let bump = 0;
    const s = store((start) => (start === 100 * H - B ? bump : 1));
    const windows = new SeriesWindows();
    await windows.get('acme', 0, 100 * H - 2 * B, 100 * H - 2 * B, s.read);
    bump = 50; // a late mention lands in a bucket the first pass already read
    const second = await windows.get('acme', 2 * B, 100 * H, 100 * H, s.read);
    expect(s.reads).toEqual([[0, 100 * H - 2 * B], [99 * H, 100 * H]]);
    expect(second.read).toBe(12);
    expect(second.points).toEqual((await store((start) => (start === 100 * H - B ? 50 : 1)).read(new Date(2 * B), new Date(100 * H))));
  });

  it('reads in full again after a jump in time', async () => {
    const s = store(() => 1);
    const windows = new SeriesWindows();
    await windows.get('acme', 0, 10 * H, 10 * H, s.read);
    await windows.get('acme', 5 * H, 15 * H, 15 * H, s.read);
    expect(s.reads).toEqual([[0, 10 * H], [5 * H, 15 * H]]);
  });
});
