import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { SignalsRepository } from './signals.repository.js';
import type { StoredSignal } from './stored-signal.js';

/**
 * Moves the signals of an earlier layout (one `signals` collection) into the month partitions and the
 * live set; the next detection pass lets go of those that can no longer re-open. Idempotent (upserts by key).
 */
@Injectable()
export class LegacySignalsMigration {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly repo: SignalsRepository,
  ) {}

  async run(): Promise<{ moved: number }> {
    const names = (await this.connection.db!.listCollections({ name: 'signals' }, { nameOnly: true }).toArray()).map((c) => c.name);
    if (!names.length) return { moved: 0 };
    let moved = 0;
    for await (const { _id, ...rest } of this.connection.db!.collection<Omit<StoredSignal, 'key'> & { _id: string }>('signals').find({})) {
      await this.repo.save({ ...rest, key: _id });
      moved++;
    }
    await this.connection.db!.dropCollection('signals');
    return { moved };
  }
}
