import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ModelJson } from '../core/sentiment/learned/index.js';
import type { Polarity } from '../core/sentiment/types.js';

export interface SentimentLabelRecord {
  _id: string;
  brand: string;
  text: string;
  label: Polarity;
  source: 'import' | 'correction';
  mentionId?: string;
  aspect?: string;
  /** What the mention said before the correction: restored by its undo (null: it did not name the corrected aspect). */
  previous?: { score: number; label: Polarity } | null;
  by: string;
  at: Date;
  undoneAt?: Date;
  undoneBy?: string;
  /** Every change to a correction, in order: who set which label, who undid it. */
  audit?: { at: Date; by: string; action: 'corrected' | 'undone'; label: Polarity }[];
}

interface SentimentModelVersionRecord {
  _id: string;
  version: string;
  updatedAt: Date;
}

interface SentimentModelRecord {
  _id: string;
  model: ModelJson;
  labels: number;
  updatedAt: Date;
}

@Injectable()
export class LearningRepository {
  constructor(
    @InjectModel('SentimentModel') private readonly models: Model<SentimentModelRecord>,
    @InjectModel('SentimentLabel') private readonly labels: Model<SentimentLabelRecord>,
    @InjectModel('SentimentModelVersion') private readonly versions: Model<SentimentModelVersionRecord>,
  ) {}

  /** A model and the version it was saved as (null before its first save). */
  async model(key: string): Promise<{ model: ModelJson | null; version: string | null }> {
    const version = await this.modelVersion(key);
    const doc = await this.models.findById(key).lean<SentimentModelRecord>().exec();
    return { model: doc?.model ?? null, version };
  }

  async modelVersion(key: string): Promise<string | null> {
    const doc = await this.versions.findById(key).lean<SentimentModelVersionRecord>().exec();
    return doc?.version ?? null;
  }

  /** Saves a model, then its new version (read first by the other processes); returns that version. */
  async saveModel(key: string, model: ModelJson, at: Date): Promise<string> {
    await this.models.replaceOne({ _id: key }, { _id: key, model, labels: model.labels, updatedAt: at }, { upsert: true }).exec();
    const version = randomUUID();
    await this.versions.replaceOne({ _id: key }, { _id: key, version, updatedAt: at }, { upsert: true }).exec();
    return version;
  }

  async insertLabels(records: SentimentLabelRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += 1000) await this.labels.insertMany(records.slice(i, i + 1000), { ordered: false });
  }

  async label(id: string): Promise<SentimentLabelRecord | null> {
    return this.labels.findById(id).lean<SentimentLabelRecord>().exec();
  }

  /** A mention's correction is one document (`_id` from the mention and aspect): a new one replaces it, keeping its audit trail. */
  async saveCorrection(record: SentimentLabelRecord): Promise<void> {
    await this.labels.replaceOne({ _id: record._id }, record, { upsert: true }).exec();
  }

  /** The brand's labels still in force (all brands' for `*`), oldest first. */
  async activeLabels(brand: string): Promise<SentimentLabelRecord[]> {
    const filter = brand === '*' ? {} : { brand };
    const all = await this.labels.find(filter).sort({ at: 1, _id: 1 }).lean<SentimentLabelRecord[]>().exec();
    return all.filter((l) => !l.undoneAt && !l.aspect);
  }

  /** Every label (an access or erasure request looks for a person's texts among them; rare). */
  async allLabels(): Promise<SentimentLabelRecord[]> {
    return this.labels.find({}).lean<SentimentLabelRecord[]>().exec();
  }

  /** Up to `limit` labels given before `at` (retention; index {at: 1} on a MongoDB server). */
  async labelsBefore(at: Date, limit: number): Promise<string[]> {
    return (await this.labels.find({ at: { $lt: at } }, { _id: 1 }).limit(limit).lean<{ _id: string }[]>().exec()).map((d) => d._id);
  }

  async removeLabels(ids: readonly string[]): Promise<number> {
    return ids.length ? (await this.labels.deleteMany({ _id: { $in: [...ids] } }).exec()).deletedCount : 0;
  }
}
