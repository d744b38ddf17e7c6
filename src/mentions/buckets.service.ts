import { Injectable } from '@nestjs/common';
import { addCounts, BUCKET_MS, bucketStart, emptyCounts, fillSeries, type BucketPoint } from '../core/mention/bucket.js';
import type { TopicKind } from '../core/mention/contribution.js';
import type { Polarity } from '../core/sentiment/types.js';
import type { RollupSums } from '../core/mention/rollup.js';
import { BucketsRepository, type TopicTotal } from './buckets.repository.js';
import { RollupsRepository } from './rollups.repository.js';

export interface SeriesQuery {
  brand: string;
  platform?: string;
  from: Date;
  to: Date;
}

/** Reads the time buckets: cost grows with the time range, never with the number of mentions. */
@Injectable()
export class BucketsService {
  constructor(
    private readonly repo: BucketsRepository,
    private readonly rollups: RollupsRepository,
  ) {}

  /**
   * What each brand's hour and day rollups add up to over [from, to) (whole hours): a few small reads
   * whatever the number of mentions. `fineSlots` keeps 5-minute points (for charts with steps under an hour).
   */
  async rollupSums(q: { brands: readonly string[]; from: Date; to: Date; fineSlots: boolean }): Promise<Map<string, RollupSums>> {
    return this.rollups.sums(q.brands, q.from, q.to, { fineSlots: q.fineSlots });
  }

  /** Zero-filled 5-minute series of a brand, summed over platforms unless one is named. */
  async series(q: SeriesQuery): Promise<BucketPoint[]> {
    const docs = await this.repo.range(q.brand, new Date(bucketStart(q.from)), q.to, q.platform);
    const summed = new Map<number, BucketPoint>();
    for (const d of docs) {
      summed.set(d.start, addCounts(summed.get(d.start) ?? { start: d.start, ...emptyCounts() }, d));
    }
    return fillSeries([...summed.values()], q.from.getTime(), q.to.getTime());
  }

  /** Totals per platform over a range. */
  async byPlatform(q: Omit<SeriesQuery, 'platform'>): Promise<Record<string, BucketPoint>> {
    const out: Record<string, BucketPoint> = {};
    for (const d of await this.repo.range(q.brand, new Date(bucketStart(q.from)), q.to)) {
      addCounts((out[d.platform] ??= { start: bucketStart(q.from), ...emptyCounts() }), d);
    }
    return out;
  }

  /** Zero-filled series of one topic (keyword or crisis term); `total` and polarity counts are filled. */
  async topicSeries(q: { brand: string; topic: string; kind?: TopicKind; from: Date; to: Date }): Promise<BucketPoint[]> {
    const rows = await this.repo.topicRange(q.brand, new Date(bucketStart(q.from)), q.to, { topic: q.topic, kind: q.kind });
    const pts = new Map<number, BucketPoint>();
    for (const r of rows) {
      const p = pts.get(r.start) ?? { start: r.start, ...emptyCounts() };
      p.total += r.total;
      p.negative += r.negative;
      p.neutral += r.neutral;
      p.positive += r.positive;
      if (r.kind === 'crisis') p.crisis += r.total;
      pts.set(r.start, p);
    }
    return fillSeries([...pts.values()], q.from.getTime(), q.to.getTime());
  }

  /** The topics with the most mentions (of one polarity, if given) over a range. */
  async topTopics(q: { brand: string; from: Date; to: Date; polarity?: Polarity; kind?: TopicKind; limit: number }): Promise<TopicTotal[]> {
    const rows = await this.repo.topicTotals(q.brand, new Date(bucketStart(q.from)), q.to, q.kind);
    const by = (t: TopicTotal) => (q.polarity ? t[q.polarity] : t.total);
    return rows.filter((t) => by(t) > 0).sort((a, b) => by(b) - by(a) || a.topic.localeCompare(b.topic)).slice(0, q.limit);
  }

  readonly bucketMs = BUCKET_MS;
}
