import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AnyBulkWriteOperation, Model } from 'mongoose';
import type { BucketCounts, BucketPoint } from '../core/mention/bucket.js';
import type { BucketDeltas, TopicCounts, TopicKind } from '../core/mention/contribution.js';
import { RollupsRepository } from './rollups.repository.js';

interface BucketDoc extends Partial<BucketCounts> {
  _id: string;
  brand: string;
  platform: string;
  start: Date;
}
interface TopicBucketDoc extends Partial<TopicCounts> {
  _id: string;
  brand: string;
  kind: TopicKind;
  topic: string;
  start: Date;
}

export interface TopicTotal extends TopicCounts {
  topic: string;
  kind: TopicKind;
}

const WRITE_CHUNK = 50;

/**
 * The only code that touches the 5-minute bucket collections (read by detection). Counters change only
 * by `$inc` upserts; every change also goes to the hour and day rollups the dashboards read.
 */
@Injectable()
export class BucketsRepository {
  constructor(
    @InjectModel('Bucket') private readonly buckets: Model<BucketDoc>,
    @InjectModel('TopicBucket') private readonly topics: Model<TopicBucketDoc>,
    private readonly rollups: RollupsRepository,
  ) {}

  async apply(d: BucketDeltas): Promise<void> {
    const bOps: AnyBulkWriteOperation<BucketDoc>[] = [...d.buckets.entries()].map(([key, b]) => ({
      updateOne: { filter: { _id: key }, update: { $inc: b.inc, $setOnInsert: { brand: b.brand, platform: b.platform, start: new Date(b.start) } }, upsert: true },
    }));
    const tOps: AnyBulkWriteOperation<TopicBucketDoc>[] = [...d.topics.entries()].map(([key, t]) => ({
      updateOne: { filter: { _id: key }, update: { $inc: t.inc, $setOnInsert: { brand: t.brand, kind: t.kind, topic: t.topic, start: new Date(t.start) } }, upsert: true },
    }));
    // Small bulk writes: FerretDB 1.24 on SQLite stalls on one update command with ~100+ upserts of
    // existing documents (measured: 60 fine, 100 never answered), and MongoDB does not mind the split.
    for (let i = 0; i < bOps.length; i += WRITE_CHUNK) await this.buckets.bulkWrite(bOps.slice(i, i + WRITE_CHUNK), { ordered: false });
    for (let i = 0; i < tOps.length; i += WRITE_CHUNK) await this.topics.bulkWrite(tOps.slice(i, i + WRITE_CHUNK), { ordered: false });
    await this.rollups.apply(d);
  }

  /** Bucket documents of a brand (all platforms, or one) in [from, to). */
  async range(brand: string, from: Date, to: Date, platform?: string): Promise<(BucketPoint & { platform: string })[]> {
    const docs = await this.buckets
      .find({ brand, start: { $gte: from, $lt: to }, ...(platform ? { platform } : {}) })
      .lean<BucketDoc[]>()
      .exec();
    return docs.map((d) => ({
      start: d.start.getTime(),
      platform: d.platform,
      total: d.total ?? 0,
      negative: d.negative ?? 0,
      neutral: d.neutral ?? 0,
      positive: d.positive ?? 0,
      crisis: d.crisis ?? 0,
      likes: d.likes ?? 0,
      shares: d.shares ?? 0,
      comments: d.comments ?? 0,
      views: d.views ?? 0,
    }));
  }

  /** Topic bucket documents of a brand in [from, to), optionally one kind or one topic. */
  async topicRange(brand: string, from: Date, to: Date, opts: { kind?: TopicKind; topic?: string } = {}): Promise<(TopicCounts & { start: number; topic: string; kind: TopicKind })[]> {
    const docs = await this.topics
      .find({ brand, start: { $gte: from, $lt: to }, ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.topic ? { topic: opts.topic } : {}) })
      .lean<TopicBucketDoc[]>()
      .exec();
    return docs.map((d) => ({ start: d.start.getTime(), topic: d.topic, kind: d.kind, total: d.total ?? 0, negative: d.negative ?? 0, neutral: d.neutral ?? 0, positive: d.positive ?? 0 }));
  }

  /**
   * Totals per topic over a range, summed here rather than by `$group`: FerretDB 1.24 computed only the
   * first of several `$sum` accumulators in one `$group` (the others came back 0).
   */
  async topicTotals(brand: string, from: Date, to: Date, kind?: TopicKind): Promise<TopicTotal[]> {
    const totals = new Map<string, TopicTotal>();
    for (const r of await this.topicRange(brand, from, to, { kind })) {
      const key = `${r.kind}\u0000${r.topic}`;
      const t = totals.get(key) ?? { topic: r.topic, kind: r.kind, total: 0, negative: 0, neutral: 0, positive: 0 };
      t.total += r.total;
      t.negative += r.negative;
      t.neutral += r.neutral;
      t.positive += r.positive;
      totals.set(key, t);
    }
    return [...totals.values()];
  }

  /**
   * Removes a brand's counters before they are rebuilt from the mentions: the whole UTC days overlapping
   * [from, to), since a day rollup cannot be split. Returns that range: the rebuild must recount all of it.
   */
  async clear(from: Date, to: Date, brand?: string): Promise<{ from: Date; to: Date }> {
    const days = await this.rollups.clear(from, to, brand);
    const f = { start: { $gte: days.from, $lt: days.to }, ...(brand ? { brand } : {}) };
    await this.buckets.deleteMany(f).exec();
    await this.topics.deleteMany(f).exec();
    return days;
  }
}
