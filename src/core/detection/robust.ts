/** Robust statistics the detectors are built on: quantiles, MAD, a sliding maximum (the winsorised seasonal mean: seasonal-pool.ts). */

/** Linear-interpolated quantile of an ascending-sorted array (0 for an empty one). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** Median absolute value scaled to estimate a normal standard deviation (1.4826 × MAD around 0). */
export function robustScale(residuals: ArrayLike<number> | Ring): number {
  const n = residuals.length;
  if (n === 0) return 0;
  const abs = scratchOf(n);
  if (residuals instanceof Ring) residuals.absolutesInto(abs);
  else for (let i = 0; i < n; i++) abs[i] = Math.abs(residuals[i]!);
  const lo = select(abs, 0, n - 1, (n - 1) >> 1);
  const hi = n % 2 ? lo : nextAbove(abs, n, (n - 1) >> 1);
  return 1.4826 * ((lo + hi) / 2);
}

/** Where the median of a ring's absolute values was at its last fit: the values `BAND_RANKS` ranks below and above it. */
export interface MadBand {
  readonly below: number;
  readonly above: number;
}

/** More ranks than the median moves between two fits (one every 72 pushes): the next median is almost always inside. */
const BAND_RANKS = 100;

/**
 * `robustScale` of a ring refitted every few dozen pushes, to the last bit, with the band to pass to its next fit:
 * the median moved by fewer ranks than the band holds, so one pass counts the values below the band and sorts the
 * few inside it, instead of a selection over the whole ring (the largest part of a 29-day replay after the seasonal pool).
 */
export function robustScaleNear(ring: Ring, band: MadBand | undefined): { scale: number; band: MadBand | undefined } {
  const n = ring.length;
  if (n === 0) return { scale: 0, band: undefined };
  const k = (n - 1) >> 1;
  const k2 = n % 2 ? k : k + 1;
  const abs = scratchOf(n);
  ring.absolutesInto(abs);
  if (band) {
    const { below: from, above: to } = band;
    let below = 0;
    let inside = 0;
    let above = 0;
    // The values inside the band are moved to the front (never past the one being read); counted without branches.
    for (let i = 0; i < n; i++) {
      const v = abs[i]!;
      below += v < from ? 1 : 0;
      above += v > to ? 1 : 0;
      if (v >= from && v <= to) abs[inside++] = v;
    }
    // A NaN (never a residual) is in none of the three: then a full selection, as below.
    if (below + inside + above === n && below <= k && k2 < below + inside) return fitted(abs, inside, below, k, k2);
    ring.absolutesInto(abs);
  }
  const fit = fitted(abs, n, 0, k, k2);
  // A NaN (never a residual) has no rank: no band then, every fit a full selection.
  for (let i = 0; i < n; i++) if (Number.isNaN(abs[i])) return { scale: fit.scale, band: undefined };
  return fit;
}

/**
 * The scale from ranks `k` and `k2` of values whose first `len` in `xs` are those of ranks `offset` on (reordered in
 * place), and the next band: the values `BAND_RANKS` below and above them.
 */
function fitted(xs: Float64Array, len: number, offset: number, k: number, k2: number): { scale: number; band: MadBand } {
  const at = k - offset;
  const lo = select(xs, 0, len - 1, at);
  const hi = k2 === k ? lo : nextAbove(xs, len, at);
  const low = Math.max(0, at - BAND_RANKS);
  const high = Math.min(len - 1, k2 - offset + BAND_RANKS);
  // Selected within the values left below and above rank `at`, which the selection of `lo` separated.
  const band = { below: low < at ? select(xs, 0, at - 1, low) : lo, above: high > at ? select(xs, at + 1, len - 1, high) : lo };
  return { scale: 1.4826 * ((lo + hi) / 2), band };
}

/**
 * One buffer for the selections above, grown as needed: a detection pass computes thousands of them, and a
 * fresh array each time was a sixth of a cold pass's CPU in garbage collection. Holds nothing between calls.
 */
let scratch = new Float64Array(2048);

function scratchOf(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(n);
  return scratch;
}

/** After `select(xs, 0, n - 1, k)`: the (k+1)-th smallest value, the least of those it left above position k. */
function nextAbove(xs: Float64Array, n: number, k: number): number {
  let min = xs[k + 1]!;
  for (let i = k + 2; i < n; i++) if (xs[i]! < min) min = xs[i]!;
  return min;
}

/**
 * The value of position k (0-based) once `xs[from..to]` is sorted, partially reordering them in place (Hoare's
 * quickselect, O(n) on average); afterwards no value above position k is smaller than it, none below larger.
 */
function select(xs: Float64Array, from: number, to: number, k: number): number {
  let left = from;
  let right = to;
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

/** A SlidingMax as a detector checkpoint stores it (plain numbers: exact through JSON and BSON). */
export interface SlidingMaxState {
  size: number;
  pushed: number;
  values: number[];
  indices: number[];
}

/** A Ring as a detector checkpoint stores it: its float64 slots as base64 (exact to the last bit, a third of JSON's size). */
export interface RingState {
  capacity: number;
  pushed: number;
  items: string;
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

  /** The state a detector checkpoint keeps: the live part of the deque and the push count. */
  state(): SlidingMaxState {
    return { size: this.size, pushed: this.pushed, values: this.values.slice(this.head), indices: this.indices.slice(this.head) };
  }

  /** A sliding maximum over `size` values in the state `s` (a checkpoint of one over a window of another size is refused). */
  static fromState(s: SlidingMaxState, size: number): SlidingMax {
    if (s.size !== size || s.values.length !== s.indices.length) throw new Error(`detector checkpoint: a sliding maximum over ${s.size} values does not fit one over ${size}`);
    const m = new SlidingMax(size);
    m.values.push(...s.values);
    m.indices.push(...s.indices);
    m.pushed = s.pushed;
    return m;
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

  state(): RingState {
    return { capacity: this.capacity, pushed: this.pushed, items: Buffer.from(this.items.buffer, this.items.byteOffset, this.items.byteLength).toString('base64') };
  }

  /** A ring of `capacity` in the state `s` (a checkpoint of a ring of another capacity is refused). */
  static fromState(s: RingState, capacity: number): Ring {
    const bytes = Buffer.from(s.items, 'base64');
    if (s.capacity !== capacity || bytes.length !== capacity * 8) throw new Error(`detector checkpoint: a ring of ${s.capacity} values does not fit one of ${capacity}`);
    const r = new Ring(capacity);
    new Uint8Array(r.items.buffer).set(bytes);
    r.pushed = s.pushed;
    return r;
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
    return this.sumAgo(1, count, from);
  }

  /** `from` plus the values `ago(back)`, `ago(back + 1)`, … as far as `count` of them or the history goes, added in that order. */
  sumAgo(back: number, count: number, from = 0): number {
    const n = Math.min(count, this.length - back + 1);
    let sum = from;
    // Index arithmetic instead of a remainder per value: the 6-hour windows add 72 values per push per ring.
    let i = (this.pushed - back) % this.capacity;
    for (let k = 0; k < n; k++) {
      sum += this.items[i]!;
      i = i === 0 ? this.capacity - 1 : i - 1;
    }
    return sum;
  }

  /** `from` plus `Math.min(value, cap)` of `count` values from `ago(back)` back in time (all in the history), added in that order. */
  sumCapped(back: number, count: number, cap: number, from: number): number {
    let sum = from;
    let i = (this.pushed - back) % this.capacity;
    for (let k = 0; k < count; k++) {
      sum += Math.min(this.items[i]!, cap);
      i = i === 0 ? this.capacity - 1 : i - 1;
    }
    return sum;
  }

  /** Writes the absolute values of the history into `out` (in storage order, not time order). */
  absolutesInto(out: Float64Array): void {
    const n = this.length;
    for (let i = 0; i < n; i++) out[i] = Math.abs(this.items[i]!);
  }
}
