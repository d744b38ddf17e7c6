import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
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

interface CheckpointDoc {
  _id: string;
  fingerprint: string;
  savedAt: Date;
  /** The scopes as deflated JSON: a third of the bytes a read decodes (the float64 rings of counts compress well). */
  scopes: Uint8Array | { buffer: Uint8Array };
}

const PREFIX = 'detector_checkpoint_';

/**
 * `detector_checkpoint_<brand>`: one document per brand, alone in its collection, read and replaced by its `_id`
 * (an embedded server may scan a whole collection even for an `_id`, so a brand's read never decodes another
 * brand's megabyte). A cache: losing or ignoring it costs one full replay.
 */
@Injectable()
export class DetectorCheckpoints {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col(brand: string) {
    return this.connection.db!.collection<CheckpointDoc>(`${PREFIX}${brand}`);
  }

  async get(brand: string): Promise<BrandCheckpoint | undefined> {
    const doc = await this.col(brand).findOne({ _id: brand });
    if (!doc) return undefined;
    // Written as a Buffer, handed back as a BSON Binary (its bytes in `buffer`).
    const bytes = doc.scopes instanceof Uint8Array ? doc.scopes : doc.scopes.buffer;
    const scopes = JSON.parse(inflateRawSync(bytes).toString('utf8')) as ScopeCheckpoint[];
    return { brand, fingerprint: doc.fingerprint, savedAt: doc.savedAt, scopes };
  }

  async save(c: BrandCheckpoint): Promise<void> {
    const scopes = deflateRawSync(JSON.stringify(c.scopes), { level: 1 });
    await this.col(c.brand).replaceOne({ _id: c.brand }, { fingerprint: c.fingerprint, savedAt: c.savedAt, scopes }, { upsert: true });
  }
}
