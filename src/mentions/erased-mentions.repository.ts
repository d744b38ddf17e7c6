import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { duplicateKeyIndexes } from '../platform/database/duplicate-keys.js';

/**
 * `erased_mentions`: `{_id: hash of the mention key, d: its day of publication}` for every mention erased
 * on request, so ingest recognises a re-collected post and never stores it again, without keeping its id.
 * It grows with erasure requests only, and is read whole (it is small). A tombstone is needed only until
 * its day is purged under retention: from then on ingest refuses every post of that day (MentionPrivacy),
 * so the purge removes it. Tombstones written before they carried a day are kept.
 */
@Injectable()
export class ErasedMentionsRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col() {
    return this.connection.db!.collection<{ _id: string; d?: string }>('erased_mentions');
  }

  async add(tombstones: readonly { hash: string; day: string }[]): Promise<void> {
    if (!tombstones.length) return;
    try {
      await this.col().insertMany(tombstones.map((t) => ({ _id: t.hash, d: t.day })), { ordered: false });
    } catch (err) {
      if (!duplicateKeyIndexes(err)) throw err;
    }
  }

  async all(): Promise<Set<string>> {
    return new Set((await this.col().find({}).toArray()).map((d) => d._id));
  }

  /** Removes the tombstones of days before `day` (ingest refuses those days whole); returns how many. */
  async dropBefore(day: string): Promise<number> {
    return (await this.col().deleteMany({ d: { $lt: day } })).deletedCount;
  }
}
