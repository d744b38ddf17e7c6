import { firstAtOrAfter, type BucketPoint } from '../core/mention/bucket.js';

/** Buckets re-read on every pass: counters of the last hour still move as late mentions and engagement arrive. */
export const TAIL_MS = 60 * 60_000;
/** The whole window is re-read this often, so older late corrections (imports, re-analysis) are picked up too. */
export const FULL_REFRESH_MS = 6 * 60 * 60_000;

interface Cached {
  points: BucketPoint[];
  /** The window start of the full read these points continue (earlier points, already replayed, may be left out). */
  from: number;
  readAt: number;
}

/**
 * Keeps each scope's replay window between passes so a pass reads only its last hour of buckets instead
 * of the whole window. A cache, not state: after a restart (or a time jump) the window is read in full.
 */
export class SeriesWindows {
  private readonly cache = new Map<string, Cached>();

  /** Forgets the windows whose keys start with `prefix` (a brand another daemon may have run meanwhile). */
  forget(prefix: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
  }

  /** When the window was last read in full, and from where; undefined when it is not kept. */
  coverage(key: string): { from: number; readAt: number } | undefined {
    const c = this.cache.get(key);
    return c && { from: c.from, readAt: c.readAt };
  }

  /**
   * Continues a window read in full from `from` at `readAt` (by this or another daemon, before a restart) with
   * only its points from `points[0]` on: what came before is already in the replays resumed with it.
   */
  resume(key: string, points: BucketPoint[], from: number, readAt: number): void {
    this.cache.set(key, { points, from, readAt });
  }

  /** The window's points; `full` when it was read in full (callers then restart anything derived from it). */
  async get(key: string, from: number, to: number, now: number, read: (from: Date, to: Date) => Promise<BucketPoint[]>): Promise<{ points: BucketPoint[]; read: number; full: boolean }> {
    const c = this.cache.get(key);
    const last = c?.points[c.points.length - 1];
    const usable = c && last && c.from <= from && last.start < to && to - last.start <= TAIL_MS && now - c.readAt < FULL_REFRESH_MS && now >= c.readAt;
    if (!usable) {
      const points = await read(new Date(from), new Date(to));
      this.cache.set(key, { points, from, readAt: now });
      return { points, read: points.length, full: true };
    }
    const tailFrom = Math.max(from, to - TAIL_MS);
    const tail = await read(new Date(tailFrom), new Date(to));
    // The kept points are sorted by start: the ones in [from, tailFrom) are one run, found by two searches.
    const points = [...c.points.slice(firstAtOrAfter(c.points, from), firstAtOrAfter(c.points, tailFrom)), ...tail];
    this.cache.set(key, { points, from: c.from, readAt: c.readAt });
    return { points, read: tail.length, full: false };
  }
}
