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

/** A model's header: the save's version and its number of pieces; `model` only in a model saved before the pieces. */
interface SentimentModelRecord {
  _id: string;
  model?: ModelJson;
  version?: string;
  chunks?: number;
  labels: number;
  updatedAt: Date;
}

interface SentimentModelChunkRecord {
  _id: string;
  data: string;
}

/** Characters of a model's JSON per stored piece: 4 MB, far below MongoDB's 16 MB document limit. */
export const MODEL_CHUNK_CHARS = 4_000_000;
/** Reads of a model that may find a newer save's header before giving up (each retry follows a save that replaced the pieces). */
const READ_ATTEMPTS = 5;
const chunkId = (key: string, version: string, i: number): string => `${key}|${version}|${i}`;

@Injectable()
export class LearningRepository {
  constructor(
    @InjectModel('SentimentModel') private readonly models: Model<SentimentModelRecord>,
    @InjectModel('SentimentLabel') private readonly labels: Model<SentimentLabelRecord>,
    @InjectModel('SentimentModelVersion') private readonly versions: Model<SentimentModelVersionRecord>,
    @InjectModel('SentimentModelChunk') private readonly chunks: Model<SentimentModelChunkRecord>,
  ) {}

  /** A model and the version it was saved as (null before its first save). */
  async model(key: string): Promise<{ model: ModelJson | null; version: string | null }> {
    const version = await this.modelVersion(key);
    return { model: await this.modelJson(key), version };
  }

  /**
   * The stored model's JSON: its header, then its pieces by `_id`. A save between the two reads deletes the
   * pieces of the header read, so the header is read again (the newer save's pieces are all in before its header).
   */
  private async modelJson(key: string): Promise<ModelJson | null> {
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      const doc = await this.models.findById(key).lean<SentimentModelRecord>().exec();
      if (!doc) return null;
      if (doc.model) return doc.model;
      const parts: string[] = [];
      for (let i = 0; i < doc.chunks!; i++) {
        const chunk = await this.chunks.findById(chunkId(key, doc.version!, i)).lean<SentimentModelChunkRecord>().exec();
        if (!chunk) break;
        parts.push(chunk.data);
      }
      if (parts.length === doc.chunks) return JSON.parse(parts.join('')) as ModelJson;
    }
    throw new Error(`sentiment model ${key}: its pieces kept changing while being read (${READ_ATTEMPTS} attempts); it is read again on the next check`);
  }

  async modelVersion(key: string): Promise<string | null> {
    const doc = await this.versions.findById(key).lean<SentimentModelVersionRecord>().exec();
    return doc?.version ?? null;
  }

  /**
   * Saves a model: its JSON in pieces under a new version (inserts by `_id`), then the header pointing at them,
   * then the version (read first by the other processes), then the previous save's pieces are deleted by `_id`.
   * Returns the new version.
   */
  async saveModel(key: string, model: ModelJson, at: Date): Promise<string> {
    const version = randomUUID();
    const text = JSON.stringify(model);
    const count = Math.max(1, Math.ceil(text.length / MODEL_CHUNK_CHARS));
    for (let i = 0; i < count; i++) await this.chunks.create({ _id: chunkId(key, version, i), data: text.slice(i * MODEL_CHUNK_CHARS, (i + 1) * MODEL_CHUNK_CHARS) });
    const previous = await this.models.findById(key, { version: 1, chunks: 1 }).lean<SentimentModelRecord>().exec();
    await this.models.replaceOne({ _id: key }, { _id: key, version, chunks: count, labels: model.labels, updatedAt: at }, { upsert: true }).exec();
    await this.versions.replaceOne({ _id: key }, { _id: key, version, updatedAt: at }, { upsert: true }).exec();
    for (let i = 0; i < (previous?.version ? previous.chunks! : 0); i++) await this.chunks.deleteOne({ _id: chunkId(key, previous!.version!, i) }).exec();
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
