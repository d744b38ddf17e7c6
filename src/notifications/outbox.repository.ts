import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';
import type { OutboxItem, OutboxState, NewOutboxItem } from './outbox.js';

type OutboxDoc = Omit<OutboxItem, 'id'> & { _id: Types.ObjectId };
type QueueDoc = Pick<OutboxItem, 'state' | 'nextAttemptAt' | 'leaseOwner' | 'leaseUntil'> & { _id: Types.ObjectId };
type KeyDoc = Pick<OutboxItem, 'createdAt' | 'alertId' | 'incidentId'> & { _id: string; row: Types.ObjectId };

/** A queue entry whose row is not there yet is looked at again after this long (so it does not hold up the poll). */
const ROW_AWAITED_MS = 60_000;

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;
const unlessDuplicate = (err: unknown) => {
  if (!isDuplicateKey(err)) throw err;
};
const keyOf = (row: OutboxDoc): KeyDoc => ({ _id: row.idempotencyKey, row: row._id, createdAt: row.createdAt, alertId: row.alertId, incidentId: row.incidentId });

const toItem = ({ _id, ...rest }: OutboxDoc): OutboxItem => ({ ...rest, id: String(_id) });

/**
 * The outbox (every notification, kept as the record that it was sent once), its small work queue
 * (`outbox_queue`, the rows not yet sent) and its idempotency keys (`outbox_keys`, key → row). Polls and
 * conditional updates touch only the queue; the outbox itself is inserted, read by `_id` and replaced by
 * `_id`, so enqueueing and dispatching cost the same however long the history grows.
 */
@Injectable()
export class OutboxRepository {
  constructor(
    @InjectModel('Outbox') private readonly model: Model<OutboxDoc>,
    @InjectModel('OutboxQueue') private readonly queue: Model<QueueDoc>,
    @InjectModel('OutboxKey') private readonly keys: Model<KeyDoc>,
  ) {}

  /**
   * Inserts the row unless its idempotency key is taken; returns the key's row and whether this call wrote it.
   * Written in the order queue entry, key, row: a crash after the key leaves a key naming a missing row, which
   * the next enqueue of that key writes under the same id (two writers of one id make one row, never two).
   */
  async insertOnce(item: NewOutboxItem, now: Date): Promise<{ item: OutboxItem; created: boolean }> {
    await this.model.init(); // the unique indexes must exist before the first insert relies on them (a no-op once built)
    const _id = new Types.ObjectId();
    // Queued first: a crash in between leaves an entry without a row (looked at again later), never a row nobody sends.
    await this.queue.create({ _id, state: 'pending', nextAttemptAt: now });
    try {
      await this.keys.create({ _id: item.idempotencyKey, row: _id, createdAt: now, alertId: item.alertId, incidentId: item.incidentId });
      return await this.writeRow(_id, item, now);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // The key is taken: that row, enqueue nothing — unless its writer stopped between the key and the row.
    await this.queue.deleteOne({ _id }).exec();
    const rowId = (await this.keys.findById(item.idempotencyKey).lean<KeyDoc>().exec())!.row;
    const existing = await this.model.findById(rowId).lean<OutboxDoc>().exec();
    if (existing) return { item: toItem(existing), created: false };
    await this.queue.create({ _id: rowId, state: 'pending', nextAttemptAt: now }).catch(unlessDuplicate);
    return this.writeRow(rowId, item, now);
  }

  /** Writes the row a key names; the other writer's row when it came first, or a row written before the keys existed. */
  private async writeRow(_id: Types.ObjectId, item: NewOutboxItem, now: Date): Promise<{ item: OutboxItem; created: boolean }> {
    try {
      const doc = await this.model.create({ _id, ...item, state: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now });
      return { item: toItem(doc.toObject<OutboxDoc>()), created: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const same = await this.model.findById(_id).lean<OutboxDoc>().exec();
    if (same) return { item: toItem(same), created: false };
    // The row's unique key index refused it: a row from before `outbox_keys` (read by its key once), named by the key from now on.
    const earlier = (await this.model.findOne({ idempotencyKey: item.idempotencyKey }).lean<OutboxDoc>().exec())!;
    await this.queue.deleteOne({ _id }).exec();
    await this.keys.replaceOne({ _id: item.idempotencyKey }, keyOf(earlier)).exec();
    return { item: toItem(earlier), created: false };
  }

  /**
   * Ids of the rows due now, oldest first: pending rows whose time has come, and rows left `sending` past their
   * lease (a dead sender). Only each row's state is read (the claim reads the row it takes under its lease).
   */
  async due(now: Date, limit: number): Promise<{ id: string }[]> {
    const entries = await this.queue
      .find({ $or: [{ state: 'pending', nextAttemptAt: { $lte: now } }, { state: 'sending', leaseUntil: { $lt: now } }] })
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .lean<QueueDoc[]>()
      .exec();
    const rows: { id: string }[] = [];
    for (const e of entries) {
      const row = await this.model.findById(e._id, { state: 1 }).lean<Pick<OutboxDoc, 'state'>>().exec();
      // Sent by a sender that died before removing the entry: the entry goes, or it would head every poll.
      if (row?.state === 'sent') await this.queue.deleteOne({ _id: e._id }).exec();
      else if (row) rows.push({ id: String(e._id) });
      // No row (yet): its writer is between the two inserts, or died there. Looked at again later, never dropped.
      else await this.queue.updateOne({ _id: e._id, state: e.state }, { $set: { nextAttemptAt: new Date(now.getTime() + ROW_AWAITED_MS) } }).exec();
    }
    return rows;
  }

  async get(id: string): Promise<OutboxItem | undefined> {
    const doc = await this.model.findById(id).lean<OutboxDoc>().exec();
    return doc ? toItem(doc) : undefined;
  }

  /** Marks a row taken by `owner` (who holds its lease) until `leaseUntil`, counting the attempt. */
  async markSending(item: OutboxItem, owner: string, leaseUntil: Date): Promise<OutboxItem> {
    const taken = { state: 'sending' as const, leaseOwner: owner, leaseUntil };
    await this.queue.updateOne({ _id: item.id }, { $set: taken }).exec();
    await this.rewrite(item.id, (row) => ({ ...row, ...taken, attempts: item.attempts + 1 }));
    return { ...item, ...taken, attempts: item.attempts + 1 };
  }

  /** Records the send; the queue entry goes (the row stays as the record that it was sent). */
  async markSent(id: string, owner: string, now: Date): Promise<void> {
    await this.rewrite(id, ({ leaseUntil: _, ...row }) => ({ ...row, state: 'sent', sentAt: now }));
    await this.queue.deleteOne({ _id: id, leaseOwner: owner }).exec();
  }

  /** Records a failed attempt: back to pending at `retryAt`, or dead when there is no retry left. */
  async markFailed(id: string, owner: string, error: string, retryAt: Date | undefined): Promise<void> {
    const set = retryAt ? { state: 'pending' as const, nextAttemptAt: retryAt } : { state: 'dead' as const };
    if (await this.ownedBy(id, owner, set)) await this.rewrite(id, ({ leaseUntil: _, ...row }) => ({ ...row, ...set, lastError: error }));
  }

  /** Gives a claimed row back untried (rate limit): the attempt does not count. */
  async release(id: string, owner: string, retryAt: Date): Promise<void> {
    const set = { state: 'pending' as const, nextAttemptAt: retryAt };
    if (await this.ownedBy(id, owner, set)) await this.rewrite(id, ({ leaseUntil: _, ...row }) => ({ ...row, ...set, attempts: row.attempts - 1 }));
  }

  /** Puts a dead row back in the queue with fresh attempts; false when no dead row has that id. */
  async requeueDead(id: string, now: Date): Promise<boolean> {
    if (!Types.ObjectId.isValid(id)) return false;
    const set = { state: 'pending' as const, nextAttemptAt: now };
    const res = await this.queue.updateOne({ _id: id, state: 'dead' }, { $set: set }).exec();
    if (res.modifiedCount !== 1) return false;
    await this.rewrite(id, (row) => ({ ...row, ...set, attempts: 0 }));
    return true;
  }

  /**
   * Changes one outbox row: read by `_id` and replaced whole. Only the holder of a row's lease (or the one who
   * requeued a dead row) writes it, so nothing changes it in between; an update by `_id` would read the whole
   * outbox history on the embedded server (about 0.7 s at 20,000 rows, where a read and a replace take about 25 ms).
   */
  private async rewrite(id: string, change: (row: OutboxDoc) => OutboxDoc): Promise<void> {
    const row = await this.model.findById(id).lean<OutboxDoc>().exec();
    if (row) await this.model.replaceOne({ _id: row._id }, change(row)).exec();
  }

  /** Moves the queue entry of a row `owner` is sending (the condition on the small queue, not the outbox). */
  private async ownedBy(id: string, owner: string, set: Partial<QueueDoc>): Promise<boolean> {
    const res = await this.queue.updateOne({ _id: id, leaseOwner: owner, state: 'sending' }, { $set: set, $unset: { leaseUntil: 1 } }).exec();
    return res.modifiedCount === 1;
  }

  /**
   * Rows newest first: unsent ones found through the queue, the others through the keys (small documents,
   * no bodies), each row then read by `_id` — the outbox's history is never scanned.
   */
  async list(q: { state?: OutboxState; alertId?: string; incidentId?: string; limit: number }): Promise<OutboxItem[]> {
    const matches = (r: OutboxDoc) => (!q.state || r.state === q.state) && (!q.alertId || r.alertId === q.alertId) && (!q.incidentId || r.incidentId === q.incidentId);
    if (q.state && q.state !== 'sent') {
      const entries = await this.queue.find({ state: q.state }, { _id: 1 }).lean<QueueDoc[]>().exec();
      const rows = await Promise.all(entries.map((e) => this.model.findById(e._id).lean<OutboxDoc>().exec()));
      return rows.filter((r): r is OutboxDoc => !!r && matches(r)).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, q.limit).map(toItem);
    }
    const found: OutboxDoc[] = [];
    const filter = { ...(q.alertId ? { alertId: q.alertId } : {}), ...(q.incidentId ? { incidentId: q.incidentId } : {}) };
    for await (const key of this.keys.find(filter, { row: 1 }).sort({ createdAt: -1 }).lean<KeyDoc>().cursor({ batchSize: q.limit })) {
      const row = await this.model.findById(key.row).lean<OutboxDoc>().exec();
      if (row && matches(row)) found.push(row);
      if (found.length >= q.limit) break;
    }
    return found.map(toItem);
  }

  /** Keys for the rows of a database written before `outbox_keys` existed (`goldenhour migrate`); returns how many were added. */
  async keyEarlierRows(): Promise<number> {
    let added = 0;
    for await (const row of this.model.find({}, { idempotencyKey: 1, createdAt: 1, alertId: 1, incidentId: 1 }).lean<OutboxDoc>().cursor()) {
      added += await this.keys.create(keyOf(row)).then(() => 1, (err: unknown) => (unlessDuplicate(err), 0));
    }
    return added;
  }

  /** Queues the unsent rows of a database written before the queue existed (`goldenhour migrate`); returns how many. */
  async queueUnsent(): Promise<number> {
    const rows = await this.model.find({ state: { $in: ['pending', 'sending', 'dead'] } }, { state: 1, nextAttemptAt: 1, leaseOwner: 1, leaseUntil: 1 }).lean<QueueDoc[]>().exec();
    for (const r of rows) await this.queue.updateOne({ _id: r._id }, { $setOnInsert: r }, { upsert: true }).exec();
    return rows.length;
  }

  /** Rows not yet sent, by state (from the queue: counting sent rows would read the whole history). */
  async countByState(): Promise<Record<string, number>> {
    const rows = await this.queue.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$state', n: { $sum: 1 } } }]).exec();
    return Object.fromEntries(rows.map((r) => [r._id, r.n]));
  }
}
