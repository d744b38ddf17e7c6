import { Ring } from './robust.js';
import { VOLUME_SURGE_DEFAULTS, VolumeSurgeDetector, type SurgeEvaluation, type VolumeSurgeOptions } from './volume-surge.js';

/**
 * A negative surge is the count and the share of negative mentions rising together: a doubling of
 * volume with the usual mix is a volume surge (news), a tripling of negatives is a crisis. The negative
 * count goes through the volume-surge detector; a trigger also needs the negative share over the
 * triggering window to stand clearly above the share of the last `shareDays` days.
 */
export interface NegativeSurgeOptions {
  surge: VolumeSurgeOptions;
  shareDays: number;
  /** The window share must be at least `minShareRatio` × the usual share … */
  minShareRatio: number;
  /** … and at least `minShareLift` above it (absolute, 0–1). */
  minShareLift: number;
}

export const NEGATIVE_SURGE_DEFAULTS: NegativeSurgeOptions = {
  // Negative mentions are a fraction of volume, so a smaller absolute excess is already news.
  surge: { ...VOLUME_SURGE_DEFAULTS, minExcess: 5 },
  shareDays: 7,
  minShareRatio: 1.5,
  minShareLift: 0.1,
};

export interface NegativeSurgeEvaluation extends SurgeEvaluation {
  /** Negative share over the evaluated window, and over the last `shareDays` days before it. */
  share: number;
  baselineShare: number;
}

/** Streaming negative-surge detector: `push` each bucket's total and negative counts in time order. */
export class NegativeSurgeDetector {
  private readonly options: NegativeSurgeOptions;
  private readonly negatives: VolumeSurgeDetector;
  private readonly totals: Ring;
  private readonly negativeHistory: Ring;
  private sumTotal = 0;
  private sumNegative = 0;

  constructor(options: Partial<NegativeSurgeOptions> = {}) {
    this.options = { ...NEGATIVE_SURGE_DEFAULTS, ...options };
    this.negatives = new VolumeSurgeDetector(this.options.surge);
    const perDay = Math.round(1440 / this.options.surge.bucketMinutes);
    this.totals = new Ring(this.options.shareDays * perDay);
    this.negativeHistory = new Ring(this.options.shareDays * perDay);
  }

  /** An independent copy of the detector's state. */
  clone(): NegativeSurgeDetector {
    const c = Object.create(NegativeSurgeDetector.prototype) as NegativeSurgeDetector;
    Object.assign(c, this, { negatives: this.negatives.clone(), totals: this.totals.clone(), negativeHistory: this.negativeHistory.clone() });
    return c;
  }

  push(total: number, negative: number): NegativeSurgeEvaluation {
    const o = this.options;
    const e = this.negatives.push(negative);
    const baselineShare = this.sumTotal > 0 ? this.sumNegative / this.sumTotal : 0;
    const windowBuckets = Math.max(1, Math.round(e.scaleMinutes / o.surge.bucketMinutes));
    let windowTotal = total;
    for (let back = 1; back < windowBuckets; back++) windowTotal += this.totals.ago(back) ?? 0;
    const share = windowTotal > 0 ? e.windowObserved / windowTotal : 0;
    const shareRises = share >= baselineShare * o.minShareRatio && share >= baselineShare + o.minShareLift;
    this.remember(total, negative);
    return { ...e, triggered: e.triggered && shareRises, elevated: e.elevated && shareRises, share, baselineShare };
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
