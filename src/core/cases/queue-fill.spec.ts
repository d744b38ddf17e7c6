import { describe, expect, it } from '@jest/globals';
import { PartitionFill } from './queue-fill.js';
import { PARTITION_CAP, pageOf, parsePartition, partitionHolds, partitionOf, partitionRange, readingOrder, spillOf, WAITING_PART } from './queue-partitions.js';

const at = (iso: string) => new Date(iso);
const MIN = '2026-03-02T12:05:00Z';

/** Places `dues` in order; returns the entries per partition. */
function fill(fill: PartitionFill, dues: readonly Date[], width = 1): Map<string, Date[]> {
  const out = new Map<string, Date[]>();
  for (const d of dues) {
    const p = fill.place(d, false, width);
    (out.get(p) ?? out.set(p, []).get(p)!).push(d);
  }
  return out;
}

describe(PartitionFill.name, () => {
  it('spreads a burst of cases due in one minute over partitions of at most PARTITION_CAP, each holding only due times from its start on', () => {
    const dues = Array.from({ length: 2_000 }, (_, i) => new Date(at(MIN).getTime() + i * 25));
    const parts = fill(new PartitionFill({}), dues);
    expect(parts.size).toBe(2_000 / PARTITION_CAP);
    for (const [name, ds] of parts) {
      expect(ds.length).toBe(PARTITION_CAP);
      expect(ds.every((d) => partitionHolds(name, d, false))).toBe(true);
      expect(parsePartition(name)!.parent).toBe('202603021205w1');
      expect(pageOf(name)).toBe('202603021200p1');
    }
    // Reading order is due order: every entry of a partition is due before the next one starts.
    const order = readingOrder(Object.fromEntries([...parts].map(([p, ds]) => [p, ds.length])));
    expect(order[0]).toBe('202603021205w1');
    expect(order.flatMap((p) => parts.get(p)!)).toEqual(dues);
  });

  it('opens one more sub-partition at the same due time when more than PARTITION_CAP cases are due at the same ms', () => {
    const due = at('2026-03-02T12:05:30Z');
    const parts = fill(new PartitionFill({}), Array.from({ length: 2 * PARTITION_CAP + 1 }, () => due));
    expect([...parts].map(([p, ds]) => [p, ds.length])).toEqual([
      ['202603021205w1', PARTITION_CAP],
      [spillOf('202603021205w1', 30_000), PARTITION_CAP],
      [spillOf('202603021205w1', 30_000, 2), 1],
    ]);
    expect(partitionRange(spillOf('202603021205w1', 30_000, 2))).toEqual({ start: due.getTime(), end: at('2026-03-02T12:06:00Z').getTime() });
  });

  it('counts what the directory holds: a partition full there spills, one with room takes entries, an early due time never goes to a later start', () => {
    const base = partitionOf(at(MIN), false, 5);
    const later = spillOf(base, 120_000);
    const f = new PartitionFill({ [base]: PARTITION_CAP, [later]: PARTITION_CAP - 1 });
    expect(f.place(at('2026-03-02T12:08:00Z'), false, 5)).toBe(later);
    expect(f.place(at('2026-03-02T12:08:00Z'), false, 5)).toBe(spillOf(base, 180_000));
    expect(f.place(at('2026-03-02T12:06:00Z'), false, 5)).toBe(spillOf(base, 60_000));
    expect(f.place(at('2026-03-02T12:06:00Z'), true, 5)).toBe(WAITING_PART);
    expect(new PartitionFill({}).place(at(MIN), false, 5)).toBe(base);
  });
});
