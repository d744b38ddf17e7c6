import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { SignalFilter, StoredSignal } from './stored-signal.js';

type SignalDoc = Omit<StoredSignal, 'key'> & { _id: string };

/** The only code that touches the signals collection. Writes are idempotent upserts on the signal key. */
@Injectable()
export class SignalsRepository {
  constructor(@InjectModel('Signal') private readonly model: Model<SignalDoc>) {}

  /** A brand's open signals and those closed at or after `closedSince` (candidates for re-opening). */
  async live(brand: string, closedSince: Date): Promise<StoredSignal[]> {
    const docs = await this.model
      .find({ brand, $or: [{ status: 'open' }, { status: 'closed', endedAt: { $gte: closedSince } }] })
      .lean<SignalDoc[]>()
      .exec();
    return docs.map(fromDoc);
  }

  async save(signal: StoredSignal): Promise<void> {
    const { key, endedAt, ...rest } = signal;
    await this.model
      .updateOne({ _id: key }, endedAt ? { $set: { ...rest, endedAt } } : { $set: rest, $unset: { endedAt: 1 } }, { upsert: true })
      .exec();
  }

  async list(f: SignalFilter): Promise<StoredSignal[]> {
    const docs = await this.model
      .find({
        ...(f.brand ? { brand: f.brand } : {}),
        ...(f.kind ? { kind: f.kind } : {}),
        ...(f.status ? { status: f.status } : {}),
        ...(f.since ? { lastSeenAt: { $gte: f.since } } : {}),
      })
      .sort({ lastSeenAt: -1 })
      .limit(f.limit)
      .lean<SignalDoc[]>()
      .exec();
    return docs.map(fromDoc);
  }

  async get(key: string): Promise<StoredSignal | null> {
    const doc = await this.model.findById(key).lean<SignalDoc>().exec();
    return doc ? fromDoc(doc) : null;
  }
}

function fromDoc(d: SignalDoc): StoredSignal {
  const { _id, ...rest } = d;
  return { key: _id, ...rest };
}
