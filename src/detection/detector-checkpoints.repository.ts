import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { ReplayCheckpoint } from '../core/detection/bucket-readings.js';

/** One watched series of a brand as checkpointed: its window's full read and the replays of its detectors. */
export interface ScopeCheckpoint {
  /** The series key within the brand ('' for the brand's own, `platform:x`, `topic:y`). */
  key: string;
  /** The window start and the time of the full read the replays started from. */
  from: number;
  readAt: number;
  /** The collection gaps the replays were built with (BucketScopes' signature). */
  gaps: string;
  replays: ReplayCheckpoint[];
}

/** A brand's detector checkpoint: what a cold pass resumes instead of replaying the whole window. */
export interface BrandCheckpoint {
  brand: string;
  /** core/detection DETECTOR_FINGERPRINT when written: another one (new options or detector code) is not resumed. */
  fingerprint: string;
  savedAt: Date;
  scopes: ScopeCheckpoint[];
}

type CheckpointDoc = Omit<BrandCheckpoint, 'brand'> & { _id: string };

const COLLECTION = 'detector_checkpoints';

/**
 * `detector_checkpoints`: one document per brand, read and replaced by its `_id` only (one per brand, so the
 * collection stays as small as the brand list). A cache: losing or ignoring it costs one full replay.
 */
@Injectable()
export class DetectorCheckpoints {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col() {
    return this.connection.db!.collection<CheckpointDoc>(COLLECTION);
  }

  async get(brand: string): Promise<BrandCheckpoint | undefined> {
    const doc = await this.col().findOne({ _id: brand });
    if (!doc) return undefined;
    const { _id, ...rest } = doc;
    return { brand: _id, ...rest };
  }

  async save(c: BrandCheckpoint): Promise<void> {
    const { brand, ...rest } = c;
    await this.col().replaceOne({ _id: brand }, rest, { upsert: true });
  }
}
