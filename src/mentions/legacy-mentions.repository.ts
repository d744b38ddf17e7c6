import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { StoredMention } from './mention.js';

/** The collections of the earlier layout, as `goldenhour migrate` reads and finally drops them. */
@Injectable()
export class LegacyMentionsRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  /** Every collection name in the database. */
  async collectionNames(): Promise<string[]> {
    return (await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  }

  /** The legacy `mentions` collection in one pass (a cursor: each page of a range query would decode it all again). */
  mentions(batchSize: number): AsyncIterable<StoredMention> {
    return this.connection.db!.collection<StoredMention>('mentions').find({}).batchSize(batchSize);
  }

  /** Drops the named collections; one already gone is not an error. */
  async drop(names: readonly string[]): Promise<void> {
    for (const name of names) await this.connection.db!.dropCollection(name).catch(() => undefined);
  }
}
