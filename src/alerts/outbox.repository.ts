import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';
import type { OutboxItem, OutboxState, NewOutboxItem } from './outbox.js';

type OutboxDoc = Omit<OutboxItem, 'id'> & { _id: Types.ObjectId };

const toItem = ({ _id, ...rest }: OutboxDoc): OutboxItem => ({ ...rest, id: String(_id) });

/** The outbox collection: enqueue once per idempotency key, claim with a lease, record the outcome. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectModel('Outbox') private readonly model: Model<OutboxDoc>) {}

  /** Inserts the row unless one with its idempotency key exists; returns the stored row and whether it is new. */
  async insertOnce(item: NewOutboxItem, now: Date): Promise<{ item: OutboxItem; created: boolean }> {
    const row = { ...item, state: 'pending' as const, attempts: 0, nextAttemptAt: now, createdAt: now };
    const res = await this.model.updateOne({ idempotencyKey: item.idempotencyKey }, { $setOnInsert: row }, { upsert: true }).exec();
    const doc = await this.model.findOne({ idempotencyKey: item.idempotencyKey }).lean<OutboxDoc>().exec();
    return { item: toItem(doc!), created: res.upsertedCount === 1 };
  }

  /**
   * Claims one due row for `owner` until `leaseUntil`: a pending row whose time has come, or a row left
   * in `sending` by a worker whose lease expired (it crashed between claim and outcome).
   */
  async claim(owner: string, now: Date, leaseUntil: Date): Promise<OutboxItem | undefined> {
    const doc = await this.model
      .findOneAndUpdate(
        { $or: [{ state: 'pending', nextAttemptAt: { $lte: now } }, { state: 'sending', leaseUntil: { $lt: now } }] },
        { $set: { state: 'sending', leaseOwner: owner, leaseUntil }, $inc: { attempts: 1 } },
        { sort: { nextAttemptAt: 1 }, new: true },
      )
      .lean<OutboxDoc>()
      .exec();
    return doc ? toItem(doc) : undefined;
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
