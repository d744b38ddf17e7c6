/** Robust statistics the detectors are built on: quantiles, winsorised means, MAD, a sliding maximum. */

/** Linear-interpolated quantile of an ascending-sorted array (0 for an empty one). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/**
 * Mean after clipping every value at the `q` quantile: a spike in the sample moves it by at most the
 * clipped amount, yet sparse series (mostly zeros, some ones) keep a non-zero mean where a median would say 0.
 */
export function winsorisedMean(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const scratch = new Float64Array(values);
  const at = q * (n - 1);
  const lo = select(scratch, Math.floor(at));
  const hi = Math.ceil(at) === Math.floor(at) ? lo : select(scratch, Math.ceil(at));
  const cap = lo + (hi - lo) * (at - Math.floor(at));
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.min(values[i]!, cap);
  return sum / n;
}

/** Median absolute value scaled to estimate a normal standard deviation (1.4826 × MAD around 0). */
export function robustScale(residuals: ArrayLike<number>): number {
  const n = residuals.length;
  if (n === 0) return 0;
  const abs = new Float64Array(n);
  for (let i = 0; i < n; i++) abs[i] = Math.abs(residuals[i]!);
  const lo = select(abs, (n - 1) >> 1);
  const hi = n % 2 ? lo : select(abs, n >> 1);
  return 1.4826 * ((lo + hi) / 2);
}

/** The k-th smallest value (0-based), partially reordering `xs` in place (Hoare's quickselect, O(n) on average). */
function select(xs: Float64Array, k: number): number {
  let left = 0;
  let right = xs.length - 1;
  while (left < right) {
    const pivot = xs[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i++] = xs[j]!;
        xs[j--] = t;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return xs[k]!;
  }
  return xs[k]!;
}

/** Maximum over the last `size` pushed values in O(1) amortised per push (monotonic deque). */
export class SlidingMax {
  private readonly values: number[] = [];
  private readonly indices: number[] = [];
  private head = 0;
  private pushed = 0;

  constructor(private readonly size: number) {}

  clone(): SlidingMax {
    const c = new SlidingMax(this.size);
    c.values.push(...this.values.slice(this.head));
    c.indices.push(...this.indices.slice(this.head));
    c.pushed = this.pushed;
    return c;
  }

  /** Maximum of the window before `value` is added (-Infinity when empty), then adds it. */
  maxThenPush(value: number): number {
    while (this.head < this.indices.length && this.indices[this.head]! < this.pushed - this.size) this.head++;
    const max = this.head < this.values.length ? this.values[this.head]! : -Infinity;
    while (this.values.length > this.head && this.values[this.values.length - 1]! <= value) {
      this.values.pop();
      this.indices.pop();
    }
    this.values.push(value);
    this.indices.push(this.pushed++);
    if (this.head > 1024) {
      this.values.splice(0, this.head);
      this.indices.splice(0, this.head);
      this.head = 0;
    }
    return max;
  }
}

/**
 * Fixed-capacity history of the latest values, oldest first: a circular buffer, so a push moves nothing and a
 * copy is one block (a cold detection pass pushes weeks of buckets through a dozen detectors, each with several).
 */
export class Ring {
  private readonly items: Float64Array;
  /** Values pushed so far: the latest is at `(pushed - 1) % capacity`. */
  private pushed = 0;

  constructor(readonly capacity: number) {
    this.items = new Float64Array(capacity);
  }

  clone(): Ring {
    const c = new Ring(this.capacity);
    c.items.set(this.items);
    c.pushed = this.pushed;
    return c;
  }

  push(value: number): void {
    this.items[this.pushed % this.capacity] = value;
    this.pushed++;
  }

  get length(): number {
    return Math.min(this.pushed, this.capacity);
  }

  /** The value `back` steps ago (1 = the latest), or undefined beyond the history. */
  ago(back: number): number | undefined {
    return back >= 1 && back <= this.length ? this.items[(this.pushed - back) % this.capacity] : undefined;
  }

  /**
   * `from` plus the latest `count` values (at most the history), added newest first: the order of a loop over
   * `ago(1)`, `ago(2)`, …, so a sum of fractions comes out the same to the last bit.
   */
  sumLatest(count: number, from = 0): number {
    const n = Math.min(count, this.length);
    let sum = from;
    for (let back = 1; back <= n; back++) sum += this.items[(this.pushed - back) % this.capacity]!;
    return sum;
  }

  /** The latest `capacity` values, oldest first. */
  values(): Float64Array {
    const n = this.length;
    const start = (this.pushed - n) % this.capacity;
    const out = new Float64Array(n);
    out.set(this.items.subarray(start, Math.min(start + n, this.capacity)));
    if (start + n > this.capacity) out.set(this.items.subarray(0, start + n - this.capacity), this.capacity - start);
    return out;
  }

}
