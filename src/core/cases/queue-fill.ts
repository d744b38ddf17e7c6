import { PARTITION_CAP, parsePartition, partitionOf, spillOf, WAITING_PART } from './queue-partitions.js';

interface Spill {
  name: string;
  start: number;
  repeat: number;
}

/**
 * Places entries in a key's partitions by due time and by count (see queue-partitions.ts). An entry goes to the
 * partition of its due time at the key's width or, once that has spilled, to its sub-partition that starts last at
 * or before the entry's due time; when that one holds PARTITION_CAP entries, to a new sub-partition starting at the
 * entry's own due time. So every partition holds due times from its start to its partition's end, pages end where
 * they did (pageComplete reads by partition start), and a burst of cases due in one minute fills partitions of
 * PARTITION_CAP one after the other instead of one partition of thousands.
 * The counts are the key's directory as a process last read it plus what it placed since: they only size
 * partitions, they never say where an entry is (the case records that). Several daemons filling the same partition
 * before they read the directory again put up to PARTITION_CAP each in it.
 */
export class PartitionFill {
  private readonly counts = new Map<string, number>();
  /** Per partition of partitionOf: it and its sub-partitions, by start then repeat. */
  private readonly spills = new Map<string, Spill[]>();

  constructor(counts: Readonly<Record<string, number>>) {
    for (const [name, n] of Object.entries(counts)) this.add(name, n);
  }

  /** The partition for an entry due at `dueAt`, of a key at `width`; counted as placed there. */
  place(dueAt: Date, waiting: boolean, width: number): string {
    if (waiting) return this.add(WAITING_PART, 1);
    const base = partitionOf(dueAt, false, width);
    const due = dueAt.getTime();
    const first = parsePartition(base)!;
    let last: Spill = { name: base, start: first.start, repeat: 1 };
    for (const s of this.spills.get(base) ?? []) if (s.start <= due) last = s;
    if ((this.counts.get(last.name) ?? 0) < PARTITION_CAP) return this.add(last.name, 1);
    return this.add(spillOf(base, due - first.start, last.start === due ? last.repeat + 1 : 1), 1);
  }

  private add(name: string, n: number): string {
    const had = this.counts.get(name);
    this.counts.set(name, (had ?? 0) + n);
    const p = had === undefined ? parsePartition(name) : null;
    if (p) {
      const list = this.spills.get(p.parent) ?? this.spills.set(p.parent, []).get(p.parent)!;
      list.push({ name, start: p.start, repeat: p.repeat });
      list.sort((a, b) => a.start - b.start || a.repeat - b.repeat);
    }
    return name;
  }
}
