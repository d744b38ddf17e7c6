import { Ring, robustScaleNear, type MadBand, type RingState } from './robust.js';

/**
 * The slow-burn half of the negative-surge detector: the share of negative mentions shifting over hours
 * while volume barely moves (one-star reviews creeping from 1 to 8 an hour among steady orders). The count
 * detector cannot see that early: a few extra negatives an hour never beat the day's ordinary peaks. So over
 * windows of a few hours the negatives are tested against what the usual share predicts of that window's
 * total: a binomial z, divided by how widely the same z has varied on this series over the last week (at least
 * 1, the binomial's own spread), so a brand whose mix swings with the news needs a larger shift than a steady one.
 */
export interface ShareShiftOptions {
  bucketMinutes: number;
  windowsMinutes: readonly number[];
  /** z (after the series' own spread) to open, and to stay elevated. */
  openZ: number;
  closeZ: number;
  /** At least this many negatives above what the usual share predicts, so 2 instead of 0.5 never alarms. */
  minExcess: number;
  /** And the window's share at least this multiple of the usual one. */
  minShareRatio: number;
  spreadDays: number;
  spreadRefitMinutes: number;
}

export const SHARE_SHIFT_DEFAULTS: ShareShiftOptions = {
  bucketMinutes: 5,
  windowsMinutes: [180, 360],
  openZ: 4,
  closeZ: 2,
  minExcess: 5,
  minShareRatio: 2,
  spreadDays: 7,
  spreadRefitMinutes: 360,
};

export interface ShareShiftReading {
  /** Strongest window's z after the series' spread (0 before the history is long enough). */
  z: number;
  windowMinutes: number;
  total: number;
  negatives: number;
  expectedNegatives: number;
  triggered: boolean;
  elevated: boolean;
}

/** A share-shift test's state as a detector checkpoint keeps it. */
export interface ShareShiftState {
  totals: RingState;
  negatives: RingState;
  windows: { zs: RingState; spread: number }[];
  pushed: number;
}

interface ShiftWindow {
  buckets: number;
  zs: Ring;
  spread: number;
  /** Where the zs' median was at the last fit (speeds up the next one; not state). */
  band?: MadBand;
}

/** Streaming share-shift test: `push` each bucket's total, negatives and the usual share before it. */
export class ShareShift {
  private readonly options: ShareShiftOptions;
  private readonly totals: Ring;
  private readonly negatives: Ring;
  private readonly windows: ShiftWindow[];
  private readonly refitEvery: number;
  private pushed = 0;

  constructor(options: Partial<ShareShiftOptions> = {}) {
    this.options = { ...SHARE_SHIFT_DEFAULTS, ...options };
    const o = this.options;
    const buckets = (minutes: number) => Math.max(1, Math.round(minutes / o.bucketMinutes));
    this.windows = o.windowsMinutes.map((m) => ({ buckets: buckets(m), zs: new Ring(o.spreadDays * buckets(1440)), spread: 1 }));
    const longest = Math.max(...this.windows.map((w) => w.buckets));
    this.totals = new Ring(longest);
    this.negatives = new Ring(longest);
    this.refitEvery = buckets(o.spreadRefitMinutes);
  }

  clone(): ShareShift {
    const c = Object.create(ShareShift.prototype) as ShareShift;
    Object.assign(c, this, {
      totals: this.totals.clone(),
      negatives: this.negatives.clone(),
      windows: this.windows.map((w) => ({ ...w, zs: w.zs.clone() })),
    });
    return c;
  }

  /** What the test has learnt so far (a detector checkpoint's part). */
  state(): ShareShiftState {
    return { totals: this.totals.state(), negatives: this.negatives.state(), windows: this.windows.map((w) => ({ zs: w.zs.state(), spread: w.spread })), pushed: this.pushed };
  }

  /** A copy of this test (same options) in the state `s`. */
  restored(s: ShareShiftState): ShareShift {
    if (s.windows.length !== this.windows.length) throw new Error(`detector checkpoint: ${s.windows.length} share-shift windows, the detector has ${this.windows.length}`);
    return Object.assign(this.clone(), {
      totals: Ring.fromState(s.totals, this.totals.capacity),
      negatives: Ring.fromState(s.negatives, this.negatives.capacity),
      windows: this.windows.map((w, i) => ({ ...w, zs: Ring.fromState(s.windows[i]!.zs, w.zs.capacity), spread: s.windows[i]!.spread })),
      pushed: s.pushed,
    });
  }

  /** Pushes a bucket whose reading nobody reads (a settled bucket of a replay): the state `push` leaves, no reading built. */
  settle(total: number, negative: number, usualShare: number | undefined): void {
    this.totals.push(total);
    this.negatives.push(negative);
    this.pushed++;
    if (usualShare === undefined) return;
    for (const w of this.windows) {
      if (this.totals.length < w.buckets) continue;
      const t = this.totals.sumLatest(w.buckets);
      this.adaptSpread(w, rawZ(t, this.negatives.sumLatest(w.buckets), usualShare));
    }
  }

  /** `usualShare` is the negative share of the days before (undefined while there are too few of them). */
  push(total: number, negative: number, usualShare: number | undefined): ShareShiftReading {
    const o = this.options;
    this.totals.push(total);
    this.negatives.push(negative);
    this.pushed++;
    let best: ShareShiftReading = { z: 0, windowMinutes: this.windows[0]!.buckets * o.bucketMinutes, total: 0, negatives: 0, expectedNegatives: 0, triggered: false, elevated: false };
    if (usualShare === undefined) return best;
    for (const w of this.windows) {
      if (this.totals.length < w.buckets) continue;
      const t = this.totals.sumLatest(w.buckets);
      const n = this.negatives.sumLatest(w.buckets);
      const expected = usualShare * t;
      const raw = rawZ(t, n, usualShare);
      this.adaptSpread(w, raw);
      const z = raw / w.spread;
      const shifted = n - expected >= o.minExcess && n >= o.minShareRatio * expected;
      const reading = { z, windowMinutes: w.buckets * o.bucketMinutes, total: t, negatives: n, expectedNegatives: expected, triggered: shifted && z >= o.openZ, elevated: shifted && z >= o.closeZ };
      if (reading.triggered || (!best.triggered && z > best.z)) best = { ...reading, elevated: best.elevated || reading.elevated };
      else best = { ...best, elevated: best.elevated || reading.elevated };
    }
    return best;
  }

  /** Records the window's z and refits its spread (robust, at least 1) every `spreadRefitMinutes`. */
  private adaptSpread(w: ShiftWindow, z: number): void {
    if (this.pushed % this.refitEvery === 0 && w.zs.length >= w.zs.capacity / this.options.spreadDays) {
      const fit = robustScaleNear(w.zs, w.band);
      w.band = fit.band;
      w.spread = Math.max(1, fit.scale);
    }
    w.zs.push(z);
  }
}

/** How far `negatives` of `total` mentions stand above what the usual share predicts, in binomial standard deviations. */
function rawZ(total: number, negatives: number, usualShare: number): number {
  const expected = usualShare * total;
  return total > 0 ? (negatives - expected) / Math.sqrt(Math.max(1, expected * (1 - usualShare))) : 0;
}
