import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import { orderSlots, type QueueEntry } from '../core/cases/queue.js';
import { duplicateKeyIndexes } from '../platform/database/duplicate-keys.js';

interface SlotDoc {
  _id: string;
  /** Entries in the slot's partition; raised before an insert, lowered after a delete, so never too low. */
  n: number;
}

/**
 * The reply queue, partitioned by due time so a page reads only the first few partitions:
 * - `case_queue_<YYYYMMDDHHmm>` (or `case_queue_waiting`): one slim entry per open case due in that
 *   ten-minute slot (see core/cases/queue.ts), written and deleted by `_id`;
 * - `case_queue_slots`: `{_id: slot, n}`, the directory of slots (a few hundred documents).
 */
@Injectable()
export class CaseQueueRepository {
  private readonly indexed = new Set<string>();

  constructor(@InjectConnection() private readonly connection: Connection) {}

  private slots() {
    return this.connection.db!.collection<SlotDoc>('case_queue_slots');
  }

  private partition(slot: string): mongo.Collection<QueueEntry> {
    const name = `case_queue_${slot}`;
    if (!this.indexed.has(name)) {
      this.indexed.add(name);
      // On MongoDB: the queue page of one brand (and the whole queue) in due order without a sort in memory.
      void this.connection.db!.collection(name).createIndex({ brand: 1, dueAt: 1, reach: -1 }).catch(() => this.indexed.delete(name));
    }
    return this.connection.db!.collection<QueueEntry>(name);
  }

  /** Puts an entry where its due time says, moving it out of its previous slot. */
  async put(entry: QueueEntry, previousSlot?: string): Promise<void> {
    if (previousSlot !== entry.slot) await this.slots().updateOne({ _id: entry.slot }, { $inc: { n: 1 } }, { upsert: true });
    await this.partition(entry.slot).replaceOne({ _id: entry._id }, entry, { upsert: true });
    if (previousSlot && previousSlot !== entry.slot) await this.remove(entry._id, previousSlot);
  }

  async remove(caseId: string, slot: string): Promise<void> {
    const r = await this.partition(slot).deleteOne({ _id: caseId });
    if (r.deletedCount) await this.slots().updateOne({ _id: slot }, { $inc: { n: -1 } });
  }

  /** Many new entries of one slot at once (new cases of an ingest batch, seeding); entries already there stay. */
  async putMany(slot: string, entries: QueueEntry[]): Promise<void> {
    await this.slots().updateOne({ _id: slot }, { $inc: { n: entries.length } }, { upsert: true });
    try {
      await this.partition(slot).insertMany(entries, { ordered: false });
    } catch (err) {
      if (!duplicateKeyIndexes(err)) throw err;
    }
  }

  /** The slots that hold entries, in queue order (due slots oldest first, the waiting slot last). */
  async filledSlots(): Promise<string[]> {
    return orderSlots((await this.slots().find({}).toArray()).filter((s) => s.n > 0).map((s) => s._id));
  }

  /** Every entry of one slot. */
  async entries(slot: string): Promise<QueueEntry[]> {
    return this.partition(slot).find({}).toArray() as Promise<QueueEntry[]>;
  }

  /** Forgets emptied slots older than `before` (an insert raises `n` first, so a slot in use is never matched). */
  async pruneSlots(before: string): Promise<void> {
    await this.slots().deleteMany({ n: { $lte: 0 }, _id: { $lt: before } });
  }
}
