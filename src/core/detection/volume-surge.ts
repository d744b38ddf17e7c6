import { Ring, SlidingMax, robustScaleNear, type MadBand, type RingState, type SlidingMaxState } from './robust.js';
import { SeasonalPool } from './seasonal-pool.js';

/**
 * Surge detector over one count series (mentions, negatives, crisis-term mentions per bucket), read in
 * time order without look-ahead. Measured on the NAB tweet-volume series before choosing (bench/detect.ts):
 * a Poisson test against a 24-hour mean fires on ~12 buckets per series-day and a rolling z-score on ~2,
 * because social counts are over-dispersed and seasonal. So a bucket is a surge only when, at one of
 * four time scales (5 minutes for bursts up to 6 hours for surges that build slowly), all of these hold:
 *  - it is far above the expected count: a robust z-score of log((x+a)/(m+a)) whose scale is the MAD
 *    of the last week's residuals, so dispersion is measured per series instead of assumed (Poisson);
 *    "far" is what noise alone would reach as its maximum over the record period at that scale, √(2 ln N) for
 *    N windows (4.2 at 5 minutes down to 3.0 at 6 hours over 21 days), not a tuned threshold: tuning one z on
 *    four of the NAB series and scoring the fifth picked 4.5 in one fold, which misses one of AAPL's four windows;
 *  - the expected count knows the time of day (winsorised mean of the same ±30 minutes on each of the
 *    last 7 days) and the day of week and trend (scaled by how the last 6 hours compared to their own
 *    seasonal expectation, which follows weekends without needing weeks of history);
 *  - it is at least `minExcess` × √scale mentions above expectation, so 0–3 per bucket never alarms on a 4;
 *  - it beats every count of the last 21 days at that scale, earlier surges included, so the brand's routine
 *    daily peaks do not alarm, and neither do the smaller after-shocks of a story that already alarmed: a
 *    new signal is something bigger than anything of the last three weeks at some scale. (Measured on the NAB
 *    series: leaving earlier surges out of the record gave 46 false-alarm episodes instead of 11.) After a surge has ended,
 *    its buckets count at their expectation in the windows that still hold them, so a 6-hour window that
 *    merely still contains a past burst neither re-opens the signal nor sets a record.
 * The expectation's winsorising quantile is 0.8: a surge of up to ~1.5 hours on one of the seven baseline days
 * (a fifth of the ±30-minute pool) is clipped instead of raising the expectation; the low bias that clipping
 * gives skewed counts is taken out by the level scaling, which compares observed with this same expectation.
 */
export interface VolumeSurgeOptions {
  bucketMinutes: number;
  baselineDays: number;
  minBaselineDays: number;
  seasonalHalfWidthMinutes: number;
  winsorQuantile: number;
  levelWindowMinutes: number;
  levelLagMinutes: number;
  levelMaxRatio: number;
  scalesMinutes: readonly number[];
  /** A window at this robust z or more is elevated: a surge stays open while a short scale is elevated. */
  closeZ: number;
  /** A surge counts as ongoing while a scale of at most this many minutes stays at `closeZ` or more. */
  sustainMinutes: number;
  minExcess: number;
  recordDays: number;
  quietMinutes: number;
  dispersionDays: number;
  dispersionRefitMinutes: number;
  minDispersion: number;
  countOffset: number;
  minExpected: number;
  /** After a collection gap, counts above expectation are taken as its backlog (up to what the gap should have held) this long. */
  refillMinutes: number;
}

export const VOLUME_SURGE_DEFAULTS: VolumeSurgeOptions = {
  bucketMinutes: 5,
  baselineDays: 7,
  minBaselineDays: 2,
  seasonalHalfWidthMinutes: 30,
  winsorQuantile: 0.8,
  levelWindowMinutes: 360,
  levelLagMinutes: 30,
  levelMaxRatio: 3,
  scalesMinutes: [5, 15, 60, 360],
  closeZ: 2,
  sustainMinutes: 15,
  minExcess: 10,
  // Chosen by leave-one-series-out cross-validation over 7, 14 and 21 (npm run bench:detect).
  recordDays: 21,
  quietMinutes: 30,
  dispersionDays: 7,
  dispersionRefitMinutes: 360,
  minDispersion: 0.1,
  countOffset: 1,
  minExpected: 0.05,
  refillMinutes: 60,
};

/** What the detector concluded about the latest bucket. */
export interface SurgeEvaluation {
  observed: number;
  expected: number;
  /** Robust z of the strongest scale that clears the minimum excess (0 when none does). */
  strength: number;
  /** The scale behind `strength`, with its summed observed and expected counts. */
  scaleMinutes: number;
  windowObserved: number;
  windowExpected: number;
  /** True on a bucket that starts a surge, or renews an ongoing one at the scale that opened it or a shorter one. */
  triggered: boolean;
  /** True while a short scale (≤ `sustainMinutes`, or the scale that opened the surge) stays above the closing level. */
  elevated: boolean;
  /** The detector's own episode state after this bucket: a surge is in progress. */
  surging: boolean;
  /** False until the series has `minBaselineDays` of history. */
  ready: boolean;
}

interface Scale {
  buckets: number;
  /** The robust z a window must reach to open a surge: the expected maximum of noise over the record period. */
  openZ: number;
  residuals: Ring;
  dispersion?: number;
  /** Where the residuals' median was at the last fit (speeds up the next one; not state). */
  band?: MadBand;
  record: SlidingMax;
}

/** What a volume-surge detector has learnt from the buckets pushed so far: all a checkpoint needs to continue it. */
export interface VolumeSurgeState {
  values: RingState;
  settled: RingState;
  seasonal: RingState;
  expected: RingState;
  scales: { residuals: RingState; dispersion?: number | null; record: SlidingMaxState }[];
  pushed: number;
  surging: boolean;
  episodeBuckets: number;
  quietBuckets: number;
  owed: number;
  sinceGap: number;
}

/** Streaming volume-surge detector: `push` each bucket's count in time order. */
export class VolumeSurgeDetector {
  private readonly options: VolumeSurgeOptions;
  private readonly perDay: number;
  private readonly half: number;
  private readonly values: Ring;
  /** Counts as a new surge sees them: the buckets of past surges capped at their expectation. */
  private readonly settled: Ring;
  /** The push index of the latest bucket whose settled count is not its count: windows after it sum the same from either ring. */
  private lastCapped = -Infinity;
  private readonly seasonal: Ring;
  /** Per bucket of `seasonal`, its count capped at 3 × seasonal + 3: the terms of the level ratio's observed sum. */
  private readonly levelTerms: Ring;
  private readonly expected: Ring;
  private readonly scales: Scale[];
  private pushed = 0;
  private surging = false;
  /** The shortest scale that opened the ongoing surge: longer windows that merely still contain it do not prolong it. */
  private episodeBuckets = 0;
  private quietBuckets = 0;
  /** Expected mentions of the latest collection gap that its backlog may still bring, and buckets since it ended. */
  private owed = 0;
  private sinceGap = 0;
  /** The seasonal pool of the next bucket, kept sorted as `values` slides (derived from `values`; every push to it goes through the pool). */
  private readonly pool: SeasonalPool;

  constructor(options: Partial<VolumeSurgeOptions> = {}) {
    this.options = { ...VOLUME_SURGE_DEFAULTS, ...options };
    const o = this.options;
    const buckets = (minutes: number) => Math.max(1, Math.round(minutes / o.bucketMinutes));
    this.perDay = buckets(1440);
    this.half = Math.round(o.seasonalHalfWidthMinutes / o.bucketMinutes);
    this.values = new Ring(o.baselineDays * this.perDay + this.half + 1);
    this.pool = new SeasonalPool(this.perDay, this.half, o.baselineDays);
    this.settled = new Ring(Math.max(...o.scalesMinutes.map(buckets)));
    this.seasonal = new Ring(buckets(o.levelWindowMinutes));
    this.levelTerms = new Ring(this.seasonal.capacity);
    this.expected = new Ring(Math.max(...o.scalesMinutes.map(buckets)));
    this.scales = [...new Set(o.scalesMinutes.map(buckets))].map((n) => ({
      buckets: n,
      openZ: noiseMaximumZ((o.recordDays * this.perDay) / n),
      residuals: new Ring(o.dispersionDays * this.perDay),
      record: new SlidingMax(o.recordDays * this.perDay),
    }));
  }

  /** An independent copy of the detector's state: evaluate tentative buckets without touching this one. */
  clone(): VolumeSurgeDetector {
    const c = Object.create(VolumeSurgeDetector.prototype) as VolumeSurgeDetector;
    Object.assign(c, this, {
      values: this.values.clone(),
      pool: this.pool.clone(),
      settled: this.settled.clone(),
      seasonal: this.seasonal.clone(),
      levelTerms: this.levelTerms.clone(),
      expected: this.expected.clone(),
      scales: this.scales.map((s) => ({ ...s, residuals: s.residuals.clone(), record: s.record.clone() })),
    });
    return c;
  }

  state(): VolumeSurgeState {
    const { pushed, surging, episodeBuckets, quietBuckets, owed, sinceGap } = this;
    return {
      values: this.values.state(), settled: this.settled.state(), seasonal: this.seasonal.state(), expected: this.expected.state(),
      scales: this.scales.map((s) => ({ residuals: s.residuals.state(), dispersion: s.dispersion ?? null, record: s.record.state() })),
      pushed, surging, episodeBuckets, quietBuckets, owed, sinceGap,
    };
  }

  /** A copy of this detector (same options) in the state `s`; throws when the state was taken with other window sizes. */
  restored(s: VolumeSurgeState): VolumeSurgeDetector {
    if (s.scales.length !== this.scales.length) throw new Error(`detector checkpoint: ${s.scales.length} scales, the detector has ${this.scales.length}`);
    const c = this.clone();
    const { pushed, surging, episodeBuckets, quietBuckets, owed, sinceGap } = s;
    const values = Ring.fromState(s.values, this.values.capacity);
    const seasonal = Ring.fromState(s.seasonal, this.seasonal.capacity);
    // The seasonal pool, the level terms and the latest capped bucket are derived from the history: rebuilt, not stored.
    const levelTerms = new Ring(seasonal.capacity);
    for (let back = seasonal.length; back >= 1; back--) levelTerms.push(Math.min(values.ago(back)!, 3 * seasonal.ago(back)! + 3));
    const settled = Ring.fromState(s.settled, this.settled.capacity);
    let lastCapped = -Infinity;
    for (let back = settled.length; back >= 1; back--) if (!Object.is(settled.ago(back), values.ago(back))) lastCapped = pushed - back;
    return Object.assign(c, {
      values,
      pool: SeasonalPool.of(values, this.perDay, this.half, this.options.baselineDays),
      settled,
      lastCapped,
      seasonal,
      levelTerms,
      expected: Ring.fromState(s.expected, this.expected.capacity),
      scales: this.scales.map((scale, i) => {
        const t = s.scales[i]!;
        return { ...scale, residuals: Ring.fromState(t.residuals, scale.residuals.capacity), dispersion: t.dispersion ?? undefined, record: SlidingMax.fromState(t.record, this.options.recordDays * this.perDay) };
      }),
      pushed, surging, episodeBuckets, quietBuckets, owed, sinceGap,
    });
  }

  /** Adds the next bucket's count and evaluates it against the history before it. */
  push(count: number): SurgeEvaluation {
    const seasonal = this.seasonalExpectation();
    count = this.withoutBacklog(count, seasonal);
    const evaluation = seasonal === undefined ? this.warmingUp(count) : this.evaluate(count, seasonal);
    this.pool.push(this.values, count);
    const settled = evaluation.surging ? Math.min(count, evaluation.expected) : count;
    if (!Object.is(settled, count)) this.lastCapped = this.pushed;
    this.settled.push(settled);
    this.pushed++;
    return evaluation;
  }

  /**
   * A bucket the sources could not see (a collection gap): it counts at its expectation, so the gap neither
   * lowers the baseline nor widens the dispersion, and its expected mentions are owed to the refill that follows.
   */
  pushGap(): SurgeEvaluation {
    const seasonal = this.seasonalExpectation();
    if (seasonal === undefined) return this.push(0);
    const expected = Math.max(this.options.minExpected, seasonal * this.levelRatio());
    this.pushSeasonal(seasonal, expected);
    this.expected.push(expected);
    for (const scale of this.scales) {
      if (this.expected.length >= scale.buckets) scale.record.maxThenPush(this.settled.sumLatest(scale.buckets - 1, expected));
    }
    this.pool.push(this.values, expected);
    this.settled.push(expected);
    this.pushed++;
    this.owed += expected;
    this.sinceGap = 0;
    this.surging = false;
    return { ...this.warmingUp(0), expected, ready: true };
  }

  /** The count less the part of it that only refills the latest gap (backlog returned late), within `refillMinutes` of it. */
  private withoutBacklog(count: number, seasonal: number | undefined): number {
    if (this.owed <= 0 || seasonal === undefined) return count;
    if (++this.sinceGap * this.options.bucketMinutes > this.options.refillMinutes) {
      this.owed = 0;
      return count;
    }
    const backlog = Math.min(this.owed, Math.max(0, count - seasonal * this.levelRatio()));
    this.owed -= backlog;
    return count - backlog;
  }

  private warmingUp(count: number): SurgeEvaluation {
    return {
      observed: count, expected: 0, strength: 0, scaleMinutes: this.options.bucketMinutes,
      windowObserved: count, windowExpected: 0, triggered: false, elevated: false, surging: false, ready: false,
    };
  }

  /** Winsorised mean of the same time of day (± half width) over the past days, or undefined while too few. */
  private seasonalExpectation(): number | undefined {
    return this.pool.dayCount < this.options.minBaselineDays ? undefined : this.pool.winsorisedMean(this.values, this.options.winsorQuantile);
  }

  /** Records a bucket's seasonal expectation, with its count (as `values` will hold it) capped for the level ratio. */
  private pushSeasonal(seasonal: number, count: number): void {
    this.seasonal.push(seasonal);
    this.levelTerms.push(Math.min(count, 3 * seasonal + 3));
  }

  /**
   * Ratio of the recent observed to seasonal counts (lagged, so the surge itself does not raise its baseline); each
   * observed count capped at 3 × its seasonal expectation + 3. Both sums run newest first.
   */
  private levelRatio(): number {
    const o = this.options;
    const lag = Math.round(o.levelLagMinutes / o.bucketMinutes);
    const observed = this.levelTerms.sumAgo(lag + 1, this.seasonal.length - lag);
    const seasonal = this.seasonal.sumAgo(lag + 1, this.seasonal.length - lag);
    const ratio = (observed + 1) / (seasonal + 1);
    return Math.min(o.levelMaxRatio, Math.max(1 / o.levelMaxRatio, ratio));
  }

  private evaluate(count: number, seasonal: number): SurgeEvaluation {
    const o = this.options;
    const expected = Math.max(o.minExpected, seasonal * this.levelRatio());
    this.pushSeasonal(seasonal, count);
    this.expected.push(expected);
    // The strongest scale so far (plain locals: this runs for every bucket of a 29-day replay).
    let bestStrength = 0;
    let bestScale = this.scales[0]!;
    let bestX = count;
    let bestM = expected;
    let triggeredAt = 0;
    let sustained = 0;
    const sustainBuckets = Math.max(this.surging ? this.episodeBuckets : 0, Math.round(o.sustainMinutes / o.bucketMinutes));
    for (const scale of this.scales) {
      // Observed (as counted and as settled) and expected sums over the scale's last buckets, this one included.
      if (this.expected.length < scale.buckets) continue;
      const observed = this.values.sumLatest(scale.buckets - 1, count);
      const m = this.expected.sumLatest(scale.buckets);
      this.observeResidual(scale, observed, m);
      // Outside a surge, a window is judged on settled counts: a closed surge's burst is not news again.
      const sameAsCounted = this.surging || this.lastCapped < this.pushed - (scale.buckets - 1);
      const x = sameAsCounted ? observed : this.settled.sumLatest(scale.buckets - 1, count);
      const z = this.zOf(scale, x, m);
      const record = scale.record.maxThenPush(x);
      if (z === undefined || x - m < o.minExcess * Math.sqrt(scale.buckets)) continue;
      if (z > bestStrength) {
        bestStrength = z;
        bestScale = scale;
        bestX = x;
        bestM = m;
      }
      if (scale.buckets <= sustainBuckets) sustained = Math.max(sustained, z);
      const renews = !this.surging || scale.buckets <= this.episodeBuckets;
      if (z >= scale.openZ && x > record && renews && !triggeredAt) triggeredAt = scale.buckets;
    }
    // Judged on short scales (or the one that opened the surge): a long window stays high for hours after a short burst.
    const elevated = sustained >= o.closeZ;
    this.advanceEpisode(triggeredAt, elevated);
    const triggered = triggeredAt > 0;
    return {
      observed: count, expected, strength: bestStrength, scaleMinutes: bestScale.buckets * o.bucketMinutes,
      windowObserved: bestX, windowExpected: bestM, triggered, elevated, surging: this.surging, ready: true,
    };
  }

  /** Adds the window's log-ratio residual to the scale's history; its MAD is refitted every `dispersionRefitMinutes`. */
  private observeResidual(scale: Scale, x: number, m: number): void {
    const o = this.options;
    const a = o.countOffset * scale.buckets;
    const residual = Math.log((x + a) / (m + a));
    const refitEvery = Math.max(1, Math.round(o.dispersionRefitMinutes / o.bucketMinutes));
    if (this.pushed % refitEvery === 0 && scale.residuals.length >= this.perDay) {
      const fit = robustScaleNear(scale.residuals, scale.band);
      scale.band = fit.band;
      scale.dispersion = Math.max(o.minDispersion, fit.scale);
    }
    scale.residuals.push(residual);
  }

  /** Robust z of the log ratio of `x` to `m` against the scale's dispersion (undefined before the first fit). */
  private zOf(scale: Scale, x: number, m: number): number | undefined {
    const a = this.options.countOffset * scale.buckets;
    return scale.dispersion === undefined ? undefined : Math.log((x + a) / (m + a)) / scale.dispersion;
  }

  /** A surge lasts from a trigger until the strength has stayed below the closing level for `quietMinutes`. */
  private advanceEpisode(triggeredAt: number, elevated: boolean): void {
    if (triggeredAt) {
      if (!this.surging) this.episodeBuckets = triggeredAt;
      this.surging = true;
      this.quietBuckets = 0;
    } else if (this.surging) {
      this.quietBuckets = elevated ? 0 : this.quietBuckets + 1;
      if (this.quietBuckets * this.options.bucketMinutes >= this.options.quietMinutes) this.surging = false;
    }
  }
}

/** The expected maximum of `windows` independent standard normal values, √(2 ln N) (at least 1 window). */
export function noiseMaximumZ(windows: number): number {
  return Math.sqrt(2 * Math.log(Math.max(windows, Math.E)));
}
