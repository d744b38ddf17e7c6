import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/**
 * `privacy_generation`: one document (`{_id: 'erasures', n}`) whose `n` goes up with every finished
 * erasure, read by `_id` only. A process that keeps copies of posts in memory (the daemon's dashboard
 * snapshots) reads it on its tick and drops those copies when `n` changed, so an erasure made by another
 * process (the command line) reaches it too.
 */
@Injectable()
export class ErasureGeneration {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col() {
    return this.connection.db!.collection<{ _id: string; n: number; at: Date }>('privacy_generation');
  }

  async bump(at: Date): Promise<void> {
    await this.col().updateOne({ _id: 'erasures' }, { $inc: { n: 1 }, $set: { at } }, { upsert: true });
  }

  async current(): Promise<number> {
    return (await this.col().findOne({ _id: 'erasures' }))?.n ?? 0;
  }
}
