import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ReadMemo } from '../platform/database/read-memo.js';
import type { BrandYield } from '../core/sources/brand-yield.js';
import type { CollectionHealth } from '../core/sources/collection-gap.js';

export interface SourceHealthRecord extends CollectionHealth {
  source: string;
  platform: string;
  /** The brands its last run collected for (a silent source's gap covers them). */
  brands?: string[];
  brandYields?: BrandYield[];
}

export interface CollectionGap {
  source: string;
  platform: string;
  brands: string[];
  since: Date;
  until?: Date;
  reason?: string;
}

type HealthDoc = Omit<SourceHealthRecord, 'source'> & { _id: string };
type GapDoc = CollectionGap & { _id: string };

/** The only code that touches collection_health and collection_gaps. */
@Injectable()
export class CollectionRepository {
  constructor(
    @InjectModel('CollectionHealth') private readonly health: Model<HealthDoc>,
    @InjectModel('CollectionGap') private readonly gaps: Model<GapDoc>,
    private readonly memo: ReadMemo,
  ) {}

  async get(source: string): Promise<SourceHealthRecord | undefined> {
    const doc = await this.health.findById(source).lean<HealthDoc>().exec();
    if (!doc) return undefined;
    const { _id, ...rest } = doc;
    return { source: _id, ...rest };
  }

  async list(): Promise<SourceHealthRecord[]> {
    const docs = await this.memo.read(this.health.collection.collectionName, 'all', () => this.health.find().lean<HealthDoc[]>().exec());
    return docs.map(({ _id, ...rest }) => ({ source: _id, ...rest }));
  }

  async save(record: SourceHealthRecord): Promise<void> {
    const { source, gapSince, degradedReason, ...rest } = record;
    const unset = { ...(gapSince ? {} : { gapSince: 1 }), ...(degradedReason ? {} : { degradedReason: 1 }) };
    await this.health.updateOne({ _id: source }, { $set: { ...rest, ...(gapSince ? { gapSince } : {}), ...(degradedReason ? { degradedReason } : {}) }, ...(Object.keys(unset).length ? { $unset: unset } : {}) }, { upsert: true }).exec();
  }

  /** Idempotent: a gap is keyed by its source and start. */
  async saveGap(gap: CollectionGap): Promise<void> {
    await this.gaps.updateOne({ _id: `${gap.source}|${gap.since.toISOString()}` }, { $set: gap }, { upsert: true }).exec();
  }

  /**
   * A brand's gaps that overlap [from, to). On a private database (see ReadMemo) all the brand's gaps are read once
   * until a gap is written, and the overlapping ones picked from them: every detection pass asks with a new window.
   */
  async gapsOf(brand: string, from: Date, to: Date): Promise<CollectionGap[]> {
    const docs = this.memo.active
      ? (await this.memo.read(this.gaps.collection.collectionName, brand, () => this.gaps.find({ brands: brand }, { _id: 0 }).lean<CollectionGap[]>().exec())).filter((d) => d.since < to && (!d.until || d.until > from))
      : await this.gaps
          .find({ brands: brand, since: { $lt: to }, $or: [{ until: { $exists: false } }, { until: null }, { until: { $gt: from } }] }, { _id: 0 })
          .lean<CollectionGap[]>()
          .exec();
    return docs.map((d) => (d.until ? d : { ...d, until: undefined }));
  }
}
