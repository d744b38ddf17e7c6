import type { Ring } from './robust.js';

/** Above this a count no longer adds up exactly in any order (91 of them stay far below 2^53). */
const EXACT_LIMIT = 2 ** 40;

function inexact(v: number): number {
  return Number.isInteger(v) && Math.abs(v) <= EXACT_LIMIT ? 0 : 1;
}

/**
 * The seasonal pool of a volume-surge detector, kept sorted as its history slides: the same time of day (± `half`
 * buckets) on each of the last `maxDays` days, a day taken once the history reaches back over it. Each push moves one
 * value out of and one into each day's window, so keeping the pool sorted costs a few moves per day instead of a
 * selection over the whole pool per push (the largest part of a 29-day replay). It is derived from the history ring
 * alone: a checkpoint need not store it.
 */
export class SeasonalPool {
  private readonly width: number;
  private sorted: Float64Array;
  private size = 0;
  private days = 0;
  /** Values in the pool that are not exact small integers: while there are any, sums follow the pool's own order. */
  private inexact = 0;

  constructor(private readonly perDay: number, private readonly half: number, private readonly maxDays: number) {
    this.width = 2 * half + 1;
    this.sorted = new Float64Array(maxDays * this.width);
  }

  /** The pool of the history `values` (to rebuild it after a checkpoint is restored). */
  static of(values: Ring, perDay: number, half: number, maxDays: number): SeasonalPool {
    const p = new SeasonalPool(perDay, half, maxDays);
    p.takeDays(values);
    return p;
  }

  clone(): SeasonalPool {
    const c = Object.create(SeasonalPool.prototype) as SeasonalPool;
    return Object.assign(c, this, { sorted: this.sorted.slice() });
  }

  /** Days in the pool. */
  get dayCount(): number {
    return this.days;
  }

  /** Pushes `value` onto the history `values` (which only this pool may push to) and slides every day's window with it. */
  push(values: Ring, value: number): void {
    for (let d = 1; d <= this.days; d++) {
      const entering = d * this.perDay - this.half - 1;
      this.replace(values.ago(d * this.perDay + this.half)!, entering === 0 ? value : values.ago(entering)!);
    }
    values.push(value);
    this.takeDays(values);
  }

  /**
   * The mean of the pool after clipping every value at its `q` quantile (linear interpolation), to the last bit what
   * `winsorisedMean` gives for the pool in time order: the clipped sum is taken in that order unless every value is
   * a small integer, when any order gives the same exact sum.
   */
  winsorisedMean(values: Ring, q: number): number {
    const n = this.size;
    if (n === 0) return 0;
    const at = q * (n - 1);
    const k = Math.floor(at);
    const lo = this.sorted[k]!;
    const hi = Math.ceil(at) === k ? lo : this.sorted[k + 1]!;
    const cap = lo + (hi - lo) * (at - k);
    let sum = 0;
    if (this.inexact === 0 && inexact(cap) === 0) {
      for (let i = 0; i <= k; i++) sum += this.sorted[i]!;
      sum += (n - 1 - k) * cap;
    } else {
      for (let d = 1; d <= this.days; d++) sum = values.sumCapped(d * this.perDay - this.half, this.width, cap, sum);
    }
    return sum / n;
  }

  /** Adds the days the history now reaches back over. */
  private takeDays(values: Ring): void {
    while (this.days < this.maxDays && values.length >= (this.days + 1) * this.perDay + this.half) {
      this.days++;
      for (let j = -this.half; j <= this.half; j++) this.insert(values.ago(this.days * this.perDay + j)!);
    }
  }

  private insert(v: number): void {
    let i = this.size++;
    while (i > 0 && this.sorted[i - 1]! > v) {
      this.sorted[i] = this.sorted[i - 1]!;
      i--;
    }
    this.sorted[i] = v;
    this.inexact += inexact(v);
  }

  /** Takes `leaving` out and `entering` in, moving only the values between their places. */
  private replace(leaving: number, entering: number): void {
    const s = this.sorted;
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! < leaving) lo = mid + 1;
      else hi = mid;
    }
    let i = lo;
    if (entering > leaving) {
      while (i + 1 < this.size && s[i + 1]! < entering) {
        s[i] = s[i + 1]!;
        i++;
      }
    } else {
      while (i > 0 && s[i - 1]! > entering) {
        s[i] = s[i - 1]!;
        i--;
      }
    }
    s[i] = entering;
    this.inexact += inexact(entering) - inexact(leaving);
  }
}
