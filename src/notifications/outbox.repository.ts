import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';
import type { OutboxItem, OutboxState, NewOutboxItem } from './outbox.js';

type OutboxDoc = Omit<OutboxItem, 'id'> & { _id: Types.ObjectId };

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;

const toItem = ({ _id, ...rest }: OutboxDoc): OutboxItem => ({ ...rest, id: String(_id) });

/** The outbox collection: enqueue once per idempotency key, find due rows, record sending and the outcome. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectModel('Outbox') private readonly model: Model<OutboxDoc>) {}

  /** Inserts the row unless one with its idempotency key exists; returns the stored row and whether it is new. */
  async insertOnce(item: NewOutboxItem, now: Date): Promise<{ item: OutboxItem; created: boolean }> {
    await this.model.init(); // the unique index must exist before the first insert relies on it (a no-op once built)
    try {
      const doc = await this.model.create({ ...item, state: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now });
      return { item: toItem(doc.toObject<OutboxDoc>()), created: true };
    } catch (err) {
      // The unique idempotency key says it is already queued (or sent): return that row, enqueue nothing.
      if (!isDuplicateKey(err)) throw err;
    }
    const existing = await this.model.findOne({ idempotencyKey: item.idempotencyKey }).lean<OutboxDoc>().exec();
    return { item: toItem(existing!), created: false };
  }

  /** Rows due now, oldest first: pending rows whose time has come, and rows left `sending` past their lease (a dead sender). */
  async due(now: Date, limit: number): Promise<OutboxItem[]> {
    const rows = await this.model
      .find({ $or: [{ state: 'pending', nextAttemptAt: { $lte: now } }, { state: 'sending', leaseUntil: { $lt: now } }] })
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .lean<OutboxDoc[]>()
      .exec();
    return rows.map(toItem);
  }

  async get(id: string): Promise<OutboxItem | undefined> {
    const doc = await this.model.findById(id).lean<OutboxDoc>().exec();
    return doc ? toItem(doc) : undefined;
  }

  /** Marks a row taken by `owner` (who holds its lease) until `leaseUntil`, counting the attempt. */
  async markSending(item: OutboxItem, owner: string, leaseUntil: Date): Promise<OutboxItem> {
    const taken = { state: 'sending' as const, leaseOwner: owner, leaseUntil, attempts: item.attempts + 1 };
    await this.model.updateOne({ _id: item.id }, { $set: taken }).exec();
    return { ...item, ...taken };
  }

  async markSent(id: string, owner: string, now: Date): Promise<void> {
    await this.model.updateOne({ _id: id, leaseOwner: owner, state: 'sending' }, { $set: { state: 'sent', sentAt: now }, $unset: { leaseUntil: 1 } }).exec();
  }

  /** Records a failed attempt: back to pending at `retryAt`, or dead when there is no retry left. */
  async markFailed(id: string, owner: string, error: string, retryAt: Date | undefined): Promise<void> {
    const set = retryAt ? { state: 'pending', nextAttemptAt: retryAt, lastError: error } : { state: 'dead', lastError: error };
    await this.model.updateOne({ _id: id, leaseOwner: owner, state: 'sending' }, { $set: set, $unset: { leaseUntil: 1 } }).exec();
  }

  /** Gives a claimed row back untried (rate limit): the attempt does not count. */
  async release(id: string, owner: string, retryAt: Date): Promise<void> {
    await this.model
      .updateOne({ _id: id, leaseOwner: owner, state: 'sending' }, { $set: { state: 'pending', nextAttemptAt: retryAt }, $inc: { attempts: -1 }, $unset: { leaseUntil: 1 } })
      .exec();
  }

  /** Puts a dead row back in the queue with fresh attempts; false when no dead row has that id. */
  async requeueDead(id: string, now: Date): Promise<boolean> {
    if (!Types.ObjectId.isValid(id)) return false;
    const res = await this.model.updateOne({ _id: id, state: 'dead' }, { $set: { state: 'pending', attempts: 0, nextAttemptAt: now } }).exec();
    return res.modifiedCount === 1;
  }

  async list(q: { state?: OutboxState; alertId?: string; incidentId?: string; limit: number }): Promise<OutboxItem[]> {
    const filter: Record<string, unknown> = {};
    if (q.state) filter.state = q.state;
    if (q.alertId) filter.alertId = q.alertId;
    if (q.incidentId) filter.incidentId = q.incidentId;
    const docs = await this.model.find(filter).sort({ createdAt: -1 }).limit(q.limit).lean<OutboxDoc[]>().exec();
    return docs.map(toItem);
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = await this.model.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$state', n: { $sum: 1 } } }]).exec();
    return Object.fromEntries(rows.map((r) => [r._id, r.n]));
  }
}
