import { Ring, type RingState } from './robust.js';
import { SHARE_SHIFT_DEFAULTS, ShareShift, type ShareShiftOptions, type ShareShiftState } from './share-shift.js';
import { VOLUME_SURGE_DEFAULTS, VolumeSurgeDetector, type SurgeEvaluation, type VolumeSurgeOptions, type VolumeSurgeState } from './volume-surge.js';

/**
 * A negative surge is the count and the share of negative mentions rising together: a doubling of
 * volume with the usual mix is a volume surge (news), a tripling of negatives is a crisis. The negative
 * count goes through the volume-surge detector; a trigger also needs the negative share over the
 * triggering window to stand clearly above the share of the last `shareDays` days. A slow burn (the share
 * shifting over hours with volume flat) triggers on its own through the share-shift test (share-shift.ts).
 */
export interface NegativeSurgeOptions {
  surge: VolumeSurgeOptions;
  shareDays: number;
  /** The window share must be at least `minShareRatio` × the usual share … */
  minShareRatio: number;
  /** … and at least `minShareLift` above it (absolute, 0–1). */
  minShareLift: number;
  shift: ShareShiftOptions;
}

export const NEGATIVE_SURGE_DEFAULTS: NegativeSurgeOptions = {
  // Negative mentions are a fraction of volume, so a smaller absolute excess is already news.
  surge: { ...VOLUME_SURGE_DEFAULTS, minExcess: 5 },
  shareDays: 7,
  minShareRatio: 1.5,
  minShareLift: 0.1,
  shift: SHARE_SHIFT_DEFAULTS,
};

/** Mentions the share window must hold before its negative share counts as the brand's usual. */
const MIN_USUAL_MENTIONS = 100;

export interface NegativeSurgeEvaluation extends SurgeEvaluation {
  /** Negative share over the evaluated window, and over the last `shareDays` days before it. */
  share: number;
  baselineShare: number;
  /** The share-shift test's z: how far the negatives of the last hours stand above what the usual share predicts. */
  shiftZ: number;
}

/** A negative-surge detector's state as a checkpoint keeps it. */
export interface NegativeSurgeState {
  negatives: VolumeSurgeState;
  shift: ShareShiftState;
  totals: RingState;
  negativeHistory: RingState;
  sumTotal: number;
  sumNegative: number;
}

/** Streaming negative-surge detector: `push` each bucket's total and negative counts in time order. */
export class NegativeSurgeDetector {
  private readonly options: NegativeSurgeOptions;
  private readonly negatives: VolumeSurgeDetector;
  private readonly shift: ShareShift;
  private readonly readyBuckets: number;
  private readonly totals: Ring;
  private readonly negativeHistory: Ring;
  private sumTotal = 0;
  private sumNegative = 0;

  constructor(options: Partial<NegativeSurgeOptions> = {}) {
    this.options = { ...NEGATIVE_SURGE_DEFAULTS, ...options };
    this.negatives = new VolumeSurgeDetector(this.options.surge);
    this.shift = new ShareShift(this.options.shift);
    const perDay = Math.round(1440 / this.options.surge.bucketMinutes);
    this.readyBuckets = this.options.surge.minBaselineDays * perDay;
    this.totals = new Ring(this.options.shareDays * perDay);
    this.negativeHistory = new Ring(this.options.shareDays * perDay);
  }

  /** An independent copy of the detector's state. */
  clone(): NegativeSurgeDetector {
    const c = Object.create(NegativeSurgeDetector.prototype) as NegativeSurgeDetector;
    Object.assign(c, this, { negatives: this.negatives.clone(), shift: this.shift.clone(), totals: this.totals.clone(), negativeHistory: this.negativeHistory.clone() });
    return c;
  }

  state(): NegativeSurgeState {
    return { negatives: this.negatives.state(), shift: this.shift.state(), totals: this.totals.state(), negativeHistory: this.negativeHistory.state(), sumTotal: this.sumTotal, sumNegative: this.sumNegative };
  }

  /** A copy of this detector (same options) in the state `s`. */
  restored(s: NegativeSurgeState): NegativeSurgeDetector {
    return Object.assign(this.clone(), {
      negatives: this.negatives.restored(s.negatives),
      shift: this.shift.restored(s.shift),
      totals: Ring.fromState(s.totals, this.totals.capacity),
      negativeHistory: Ring.fromState(s.negativeHistory, this.negativeHistory.capacity),
      sumTotal: s.sumTotal,
      sumNegative: s.sumNegative,
    });
  }

  push(total: number, negative: number): NegativeSurgeEvaluation {
    const o = this.options;
    const e = this.negatives.push(negative);
    const baselineShare = this.sumTotal > 0 ? this.sumNegative / this.sumTotal : 0;
    const windowBuckets = Math.max(1, Math.round(e.scaleMinutes / o.surge.bucketMinutes));
    const windowTotal = this.totals.sumLatest(windowBuckets - 1, total);
    const share = windowTotal > 0 ? e.windowObserved / windowTotal : 0;
    const shareRises = share >= baselineShare * o.minShareRatio && share >= baselineShare + o.minShareLift;
    // Smoothed, so a brand without a negative all week still has a (tiny) usual share to test against; unknown
    // until the days before held enough mentions to say what is usual (a zero-filled new brand has none).
    const s = this.shift.push(total, negative, this.usualShare());
    this.remember(total, negative);
    const burst = { ...e, triggered: e.triggered && shareRises, elevated: e.elevated && shareRises, share, baselineShare, shiftZ: s.z };
    if (burst.triggered || !s.triggered) return { ...burst, elevated: burst.elevated || s.elevated };
    return {
      ...burst, triggered: true, elevated: true, strength: Math.max(e.strength, s.z), scaleMinutes: s.windowMinutes,
      windowObserved: s.negatives, windowExpected: s.expectedNegatives, share: s.total > 0 ? s.negatives / s.total : 0,
    };
  }

  /** Pushes a bucket whose evaluation nobody reads (a settled bucket of a replay): the state `push` leaves, no evaluation built. */
  settle(total: number, negative: number): void {
    this.negatives.push(negative);
    this.shift.settle(total, negative, this.usualShare());
    this.remember(total, negative);
  }

  /**
   * The usual negative share, smoothed so a brand without a negative all week still has a (tiny) one to test
   * against; unknown until the days before held enough mentions to say what is usual (a zero-filled new brand has none).
   */
  private usualShare(): number | undefined {
    const known = this.totals.length >= this.readyBuckets && this.sumTotal >= MIN_USUAL_MENTIONS;
    return known ? (this.sumNegative + 1) / (this.sumTotal + 2) : undefined;
  }

  /** A collection-gap bucket: the negatives count at their expectation; the share's history skips it. */
  pushGap(): NegativeSurgeEvaluation {
    const e = this.negatives.pushGap();
    const baselineShare = this.sumTotal > 0 ? this.sumNegative / this.sumTotal : 0;
    return { ...e, share: baselineShare, baselineShare, shiftZ: 0 };
  }

  /** Keeps running sums over the share window, dropping what falls out of it. */
  private remember(total: number, negative: number): void {
    if (this.totals.length === this.totals.capacity) {
      this.sumTotal -= this.totals.ago(this.totals.capacity)!;
      this.sumNegative -= this.negativeHistory.ago(this.negativeHistory.capacity)!;
    }
    this.totals.push(total);
    this.negativeHistory.push(negative);
    this.sumTotal += total;
    this.sumNegative += negative;
  }
}
