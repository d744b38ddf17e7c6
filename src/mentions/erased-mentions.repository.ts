import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { duplicateKeyIndexes } from '../platform/database/duplicate-keys.js';

/**
 * `erased_mentions`: `{_id: hash of the mention key}` for every mention erased on request, so ingest
 * recognises a re-collected post and never stores it again, without keeping its id. It grows with
 * erasure requests only, and is read whole (it is small).
 */
@Injectable()
export class ErasedMentionsRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col() {
    return this.connection.db!.collection<{ _id: string }>('erased_mentions');
  }

  async add(hashes: readonly string[]): Promise<void> {
    if (!hashes.length) return;
    try {
      await this.col().insertMany(hashes.map((_id) => ({ _id })), { ordered: false });
    } catch (err) {
      if (!duplicateKeyIndexes(err)) throw err;
    }
  }

  async all(): Promise<Set<string>> {
    return new Set((await this.col().find({}).toArray()).map((d) => d._id));
  }
}
