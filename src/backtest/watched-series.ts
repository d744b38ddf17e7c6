import { markGaps } from '../core/detection/bucket-readings.js';
import type { WatchedSeries } from '../core/backtest/signal-timeline.js';
import { TOP_PLATFORMS, TOP_TOPICS } from '../core/detection/watched-scopes.js';
import type { CollectionGap } from '../collection/collection.repository.js';
import type { BucketsService } from '../mentions/buckets.service.js';

/**
 * The series detection watches for a brand over [warmFrom, to), read from the counter ledger (one read
 * per UTC day and family): the brand's volume, negative and crisis-term series, and the volume of its
 * busiest platforms and keyword topics of the period (the daemon picks those of the last day at each pass).
 * Buckets a collection gap covers are marked, as the daemon marks them.
 */
export async function watchedSeries(buckets: BucketsService, brand: string, warmFrom: Date, from: Date, to: Date, gaps: readonly CollectionGap[]): Promise<{ series: WatchedSeries[]; buckets: number }> {
  const series: WatchedSeries[] = [];
  const brandPoints = markGaps(await buckets.series({ brand, from: warmFrom, to }), gaps, to);
  for (const kind of ['volume_surge', 'negative_surge', 'crisis_burst'] as const) series.push({ kind, scope: {}, points: brandPoints });
  let read = brandPoints.length;
  const platforms = Object.entries(await buckets.byPlatform({ brand, from, to }))
    .filter(([, p]) => p.total > 0)
    .sort(([a, x], [b, y]) => y.total - x.total || a.localeCompare(b))
    .slice(0, TOP_PLATFORMS);
  for (const [platform] of platforms) {
    const points = markGaps(await buckets.series({ brand, platform, from: warmFrom, to }), gaps.filter((g) => g.platform === platform), to);
    series.push({ kind: 'volume_surge', scope: { platform }, points });
    read += points.length;
  }
  for (const t of await buckets.topTopics({ brand, from, to, kind: 'keyword', limit: TOP_TOPICS })) {
    const points = markGaps(await buckets.topicSeries({ brand, topic: t.topic, kind: 'keyword', from: warmFrom, to }), gaps, to);
    series.push({ kind: 'volume_surge', scope: { topic: t.topic }, points });
    read += points.length;
  }
  return { series, buckets: read };
}
