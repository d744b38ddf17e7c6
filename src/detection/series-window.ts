import type { BucketPoint } from '../core/mention/bucket.js';

/** Buckets re-read on every pass: counters of the last hour still move as late mentions and engagement arrive. */
export const TAIL_MS = 60 * 60_000;
/** The whole window is re-read this often, so older late corrections (imports, re-analysis) are picked up too. */
const FULL_REFRESH_MS = 6 * 60 * 60_000;

interface Cached {
  points: BucketPoint[];
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

  /** The window's points; `full` when it was read in full (callers then restart anything derived from it). */
  async get(key: string, from: number, to: number, now: number, read: (from: Date, to: Date) => Promise<BucketPoint[]>): Promise<{ points: BucketPoint[]; read: number; full: boolean }> {
    const c = this.cache.get(key);
    const last = c?.points[c.points.length - 1];
    const usable = c && last && c.points[0]!.start <= from && last.start < to && to - last.start <= TAIL_MS && now - c.readAt < FULL_REFRESH_MS && now >= c.readAt;
    if (!usable) {
      const points = await read(new Date(from), new Date(to));
      this.cache.set(key, { points, readAt: now });
      return { points, read: points.length, full: true };
    }
    const tailFrom = Math.max(from, to - TAIL_MS);
    const tail = await read(new Date(tailFrom), new Date(to));
    const points = [...c.points.filter((p) => p.start >= from && p.start < tailFrom), ...tail];
    this.cache.set(key, { points, readAt: c.readAt });
    return { points, read: tail.length, full: false };
  }
}
