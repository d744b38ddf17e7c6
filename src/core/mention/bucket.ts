/** Time buckets: the pre-aggregated counters dashboards and detectors read instead of raw mentions. */
export const BUCKET_MINUTES = 5;
export const BUCKET_MS = BUCKET_MINUTES * 60_000;

/** Start (epoch ms, UTC) of the 5-minute bucket holding t. */
export function bucketStart(t: Date | number): number {
  const ms = typeof t === 'number' ? t : t.getTime();
  return ms - (((ms % BUCKET_MS) + BUCKET_MS) % BUCKET_MS);
}

/** Counters kept per bucket. Engagement sums are the latest known engagement of the bucket's mentions. */
export interface BucketCounts {
  total: number;
  negative: number;
  neutral: number;
  positive: number;
  /** Mentions with at least one crisis term. */
  crisis: number;
  likes: number;
  shares: number;
  comments: number;
  views: number;
}

export const COUNTER_FIELDS: readonly (keyof BucketCounts)[] = [
  'total', 'negative', 'neutral', 'positive', 'crisis', 'likes', 'shares', 'comments', 'views',
];

/** One bucket of a series, as read back for a brand (optionally one platform or topic). */
export interface BucketPoint extends BucketCounts {
  /** Bucket start, epoch ms UTC. */
  start: number;
}

export function emptyCounts(): BucketCounts {
  return { total: 0, negative: 0, neutral: 0, positive: 0, crisis: 0, likes: 0, shares: 0, comments: 0, views: 0 };
}

/** Adds every counter of `from` to `into` (in place) and returns `into`. */
export function addCounts<T extends BucketCounts>(into: T, from: BucketCounts): T {
  for (const k of COUNTER_FIELDS) into[k] += from[k];
  return into;
}

/** The index of the first point starting at or after `t` in points sorted by start (points.length when none does). */
export function firstAtOrAfter(points: readonly { start: number }[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]!.start < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
