import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Polarity } from '../core/sentiment/types.js';
import { duplicateKeyIndexes } from '../platform/database/duplicate-keys.js';
import type { EngagementSnapshot, StoredMention } from './mention.js';

export interface MentionQuery {
  brand?: string;
  platform?: string;
  polarity?: Polarity;
  from?: Date;
  to?: Date;
  limit: number;
  sort?: 'recent' | 'engagement';
}

const READ_CHUNK = 100;

/** The only code that touches the mentions and engagement_snapshots collections. */
@Injectable()
export class MentionsRepository {
  constructor(
    @InjectModel('Mention') private readonly mentions: Model<StoredMention>,
    @InjectModel('EngagementSnapshot') private readonly snapshots: Model<EngagementSnapshot>,
  ) {}

  async byIds(ids: string[]): Promise<StoredMention[]> {
    const out: StoredMention[] = [];
    // Chunks, each in one batch with no open cursor: FerretDB 1.24 on SQLite stalled on getMore and on large $in lists.
    for (let i = 0; i < ids.length; i += READ_CHUNK) {
      const chunk = ids.slice(i, i + READ_CHUNK);
      out.push(...(await this.mentions.find({ _id: { $in: chunk } }).batchSize(chunk.length + 1).lean<StoredMention[]>().exec()));
    }
    return out;
  }

  /** Inserts new mentions; returns the ids that already existed (lost a race with another writer). */
  async insertNew(docs: StoredMention[]): Promise<Set<string>> {
    const clashed = new Set<string>();
    if (!docs.length) return clashed;
    try {
      await this.mentions.insertMany(docs, { ordered: false, lean: true });
    } catch (err) {
      const duplicates = duplicateKeyIndexes(err);
      if (!duplicates) throw err;
      for (const index of duplicates) clashed.add(docs[index]._id);
    }
    return clashed;
  }

  /** Replaces a mention if it is still at revision `rev`; false when another writer got there first. */
  async replaceAtRev(doc: StoredMention, rev: number): Promise<boolean> {
    const { _id, ...rest } = doc;
    const r = await this.mentions.updateOne({ _id, rev }, { $set: { ...rest, rev: rev + 1 } }).exec();
    return r.matchedCount === 1;
  }

  async find(q: MentionQuery): Promise<StoredMention[]> {
    const filter: Record<string, unknown> = {};
    if (q.brand) filter.brand = q.brand;
    if (q.platform) filter.platform = q.platform;
    if (q.polarity) filter['sentiment.label'] = q.polarity;
    if (q.from || q.to) filter.publishedAt = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lt: q.to } : {}) };
    const sort: Record<string, 1 | -1> = q.sort === 'engagement' ? { 'engagement.shares': -1, 'engagement.comments': -1, publishedAt: -1 } : { publishedAt: -1 };
    return this.mentions.find(filter, { counted: 0 }).sort(sort).limit(q.limit).lean<StoredMention[]>().exec();
  }

  /** Mentions seen (scraped or pushed) since `since`, for the viral-post detector. */
  async seenSince(since: Date, brand?: string, limit = 5000): Promise<StoredMention[]> {
    return this.mentions
      .find({ lastSeenAt: { $gte: since }, ...(brand ? { brand } : {}) }, { counted: 0 })
      .sort({ lastSeenAt: -1 })
      .limit(limit)
      .lean<StoredMention[]>()
      .exec();
  }

  /** A page of mentions published in a range, in (publishedAt, _id) order, after the given one. */
  async page(q: { from: Date; to?: Date; brand?: string; afterId?: string; afterPublished?: Date; limit: number }): Promise<StoredMention[]> {
    const filter: Record<string, unknown> = { publishedAt: { $gte: q.from, ...(q.to ? { $lt: q.to } : {}) } };
    if (q.brand) filter.brand = q.brand;
    if (q.afterPublished && q.afterId) filter.$or = [{ publishedAt: { $gt: q.afterPublished } }, { publishedAt: q.afterPublished, _id: { $gt: q.afterId } }];
    return this.mentions.find(filter).sort({ publishedAt: 1, _id: 1 }).limit(q.limit).lean<StoredMention[]>().exec();
  }

  async insertSnapshots(snaps: EngagementSnapshot[]): Promise<void> {
    if (snaps.length) await this.snapshots.insertMany(snaps, { ordered: false, lean: true });
  }

  async snapshotsOf(mention: string): Promise<EngagementSnapshot[]> {
    return this.snapshots.find({ mention }, { _id: 0 }).sort({ at: 1 }).lean<EngagementSnapshot[]>().exec();
  }

  async snapshotsSince(since: Date, brand?: string): Promise<EngagementSnapshot[]> {
    return this.snapshots.find({ at: { $gte: since }, ...(brand ? { brand } : {}) }, { _id: 0 }).sort({ at: 1 }).lean<EngagementSnapshot[]>().exec();
  }

  async count(filter: { brand?: string } = {}): Promise<number> {
    return this.mentions.countDocuments(filter).exec();
  }
}
