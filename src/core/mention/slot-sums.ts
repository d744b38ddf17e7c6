import { BUCKET_MS, bucketStart, COUNTER_FIELDS, type BucketPoint } from './bucket.js';

/**
 * The nine counters of every 5-minute slot of [bucketStart(from), to) in one flat array (a detection pass builds a
 * dozen 29-day series; a map of point objects per stored slot, then a zero-filled copy, was most of their CPU). Sums
 * are added in the order they are read, so the numbers are those of point objects.
 */
export class SlotSums {
  readonly base: number;
  readonly sums: Float64Array;
  private readonly slots: number;

  constructor(from: number, to: number) {
    this.base = bucketStart(from);
    this.slots = Math.max(0, Math.ceil((to - this.base) / BUCKET_MS));
    this.sums = new Float64Array(this.slots * COUNTER_FIELDS.length);
  }

  /**
   * Adds `runs[i..i+count)` to the first `count` counters of the slot starting at `start` (and `runs[i]` to its
   * `crisis` too when asked: a crisis term's mentions); a slot off the 5-minute grid has no point.
   */
  add(start: number, runs: readonly number[], i: number, count: number, crisis = false): void {
    const slot = (start - this.base) / BUCKET_MS;
    if (!Number.isInteger(slot)) return;
    const at = slot * COUNTER_FIELDS.length;
    for (let f = 0; f < count; f++) this.sums[at + f] += runs[i + f]!;
    if (crisis) this.sums[at + 4] += runs[i]!;
  }

  /** The zero-filled series. */
  points(): BucketPoint[] {
    const s = this.sums;
    const out = new Array<BucketPoint>(this.slots);
    for (let slot = 0, at = 0; slot < this.slots; slot++, at += COUNTER_FIELDS.length) {
      out[slot] = {
        start: this.base + slot * BUCKET_MS, total: s[at]!, negative: s[at + 1]!, neutral: s[at + 2]!, positive: s[at + 3]!, crisis: s[at + 4]!,
        likes: s[at + 5]!, shares: s[at + 6]!, comments: s[at + 7]!, views: s[at + 8]!,
      };
    }
    return out;
  }
}
