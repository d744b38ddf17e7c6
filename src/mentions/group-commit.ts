/**
 * Group commit: while one batch is being written, the batches that arrive meanwhile wait, and are then
 * written together as one (up to `max` items; a larger batch goes alone). A batch's write costs a fixed
 * number of round trips (mentions, keys, counters, journal, stories, cases…) whatever its size, so four
 * clients pushing 100 mentions each cost one write of 400 instead of four of 100. Batches that share a
 * key are never joined, so each caller's copy of a mention is written and reported as it sent it. Each
 * caller's promise settles when the write that carried its items has finished (with its error, if any).
 */
export class GroupCommit<T> {
  private readonly waiting: { items: T[]; keys: Set<string>; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private writing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly keyOf: (item: T) => string,
    private readonly max: number,
  ) {}

  submit(items: T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.push({ items, keys: new Set(items.map(this.keyOf)), resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.waiting.length) {
        const group = this.nextGroup();
        try {
          await this.write(group.flatMap((g) => g.items));
          for (const g of group) g.resolve();
        } catch (err) {
          for (const g of group) g.reject(err);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** The oldest waiting batch and every later one that fits beside it (by size and keys), in arrival order. */
  private nextGroup() {
    const group = [this.waiting.shift()!];
    const keys = new Set(group[0]!.keys);
    let size = group[0]!.items.length;
    for (let i = 0; i < this.waiting.length && size < this.max; ) {
      const next = this.waiting[i]!;
      if (size + next.items.length > this.max || [...next.keys].some((k) => keys.has(k))) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      group.push(next);
      size += next.items.length;
      for (const k of next.keys) keys.add(k);
    }
    return group;
  }
}
