import { quantileSorted } from './robust.js';

/** One engagement observation of a mention (from a scrape or an API push). */
export interface EngagementReading {
  at: Date;
  shares: number;
  comments: number;
}

/**
 * A post goes viral when its reposts and comments grow fast between scrapes: over `absolutePerHour`
 * an hour, or `relativeFactor` times the brand's usual growth (the `usualQuantile` of its other posts'
 * growth over the same window) and at least `minPerHour`.
 */
export interface ViralPostOptions {
  windowMinutes: number;
  absolutePerHour: number;
  relativeFactor: number;
  usualQuantile: number;
  minPerHour: number;
  /** Growth measured over less than this is not extrapolated to an hour. */
  minSpanMinutes: number;
}

export const VIRAL_POST_DEFAULTS: ViralPostOptions = {
  windowMinutes: 60,
  absolutePerHour: 1000,
  relativeFactor: 20,
  usualQuantile: 0.9,
  minPerHour: 100,
  minSpanMinutes: 10,
};

/**
 * Reposts + comments gained per hour over the readings inside the window ending at `now` (and the last
 * reading before it, so two scrapes an hour apart still measure growth). 0 with fewer than two readings.
 */
export function growthPerHour(readings: readonly EngagementReading[], now: Date, options: ViralPostOptions = VIRAL_POST_DEFAULTS): number {
  const sorted = [...readings].filter((r) => r.at.getTime() <= now.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime());
  const from = now.getTime() - options.windowMinutes * 60_000;
  const firstInside = sorted.findIndex((r) => r.at.getTime() >= from);
  if (firstInside < 0) return 0;
  const first = sorted[Math.max(0, firstInside - 1)]!;
  const last = sorted[sorted.length - 1]!;
  const spanMinutes = (last.at.getTime() - first.at.getTime()) / 60_000;
  if (spanMinutes <= 0) return 0;
  const gained = Math.max(0, last.shares + last.comments - first.shares - first.comments);
  return (gained * 60) / Math.max(spanMinutes, options.minSpanMinutes);
}

/** The growth a brand's posts usually show: a high quantile, so one busy post does not set the bar. */
export function usualGrowth(growths: readonly number[], options: ViralPostOptions = VIRAL_POST_DEFAULTS): number {
  return quantileSorted([...growths].sort((a, b) => a - b), options.usualQuantile);
}

/**
 * For each post, `usualGrowth` of all the other posts, from one sort instead of one per post (a busy hour has
 * thousands of posts): the others are the sorted growths less one copy of the post's own.
 */
export function usualGrowthOfOthers(growths: readonly number[], options: ViralPostOptions = VIRAL_POST_DEFAULTS): number[] {
  const sorted = [...growths].sort((a, b) => a - b);
  const others = sorted.length - 1;
  if (others <= 0) return growths.map(() => 0);
  const at = options.usualQuantile * (others - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return growths.map((g) => {
    const own = firstAtLeast(sorted, g);
    const other = (i: number) => sorted[i < own ? i : i + 1]!;
    return other(lo) + (other(hi) - other(lo)) * (at - lo);
  });
}

/** Index of the first value ≥ `x` in an ascending array. */
function firstAtLeast(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a post's growth is viral, and how strongly (growth ÷ the bar it had to clear). */
export function judgeViral(growth: number, usual: number, options: ViralPostOptions = VIRAL_POST_DEFAULTS): { triggered: boolean; elevated: boolean; strength: number } {
  const bar = Math.min(options.absolutePerHour, Math.max(options.minPerHour, options.relativeFactor * usual));
  const strength = growth / bar;
  return { triggered: strength >= 1, elevated: strength >= 0.5, strength: Math.round(strength * 100) / 100 };
}
