import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { COORDINATION } from '../database/coordination.js';
import type { Model } from 'mongoose';
import type { LeaseHead } from '../../core/leases/lease.js';

type HeadDoc = Omit<LeaseHead, 'scope'> & { _id: string };
interface EpochDoc {
  _id: string;
  owner: string;
  at: Date;
  expiresAt: Date;
}

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;
const epochId = (scope: string, epoch: number) => `${scope}#${epoch}`;
const toHead = ({ _id, ...rest }: HeadDoc): LeaseHead => ({ scope: _id, ...rest });

/** The two lease collections; every write is by `_id` (conditions only on the small `leases` collection). */
@Injectable()
export class LeaseRepository {
  constructor(
    @InjectModel('LeaseHead', COORDINATION) private readonly heads: Model<HeadDoc>,
    @InjectModel('LeaseEpoch', COORDINATION) private readonly epochs: Model<EpochDoc>,
  ) {}

  async head(scope: string): Promise<LeaseHead | undefined> {
    const doc = await this.heads.findById(scope).lean<HeadDoc>().exec();
    return doc ? toHead(doc) : undefined;
  }

  async all(): Promise<LeaseHead[]> {
    return (await this.heads.find().lean<HeadDoc[]>().exec()).map(toHead);
  }

  /** Wins `epoch` of `scope` for `owner`, or false when another claimant inserted it first. */
  async insertEpoch(scope: string, epoch: number, owner: string, at: Date, expiresAt: Date): Promise<boolean> {
    try {
      await this.epochs.create({ _id: epochId(scope, epoch), owner, at, expiresAt });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async epoch(scope: string, epoch: number): Promise<{ epoch: number; expiresAt: Date } | undefined> {
    const doc = await this.epochs.findById(epochId(scope, epoch)).lean<EpochDoc>().exec();
    return doc ? { epoch, expiresAt: doc.expiresAt } : undefined;
  }

  /** Writes the head of a won epoch unless a later epoch is already there (then false). */
  async writeHead(head: LeaseHead): Promise<boolean> {
    const { scope, givenBack: _, ...rest } = head;
    try {
      await this.heads.updateOne({ _id: scope, epoch: { $lt: head.epoch } }, { $set: rest, $unset: { givenBack: 1 } }, { upsert: true }).exec();
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** Moves the expiry of a live lease of this owner and epoch (the caller reads the head back to confirm). */
  async extend(scope: string, owner: string, epoch: number, now: Date, expiresAt: Date): Promise<void> {
    await this.heads.updateOne({ _id: scope, owner, epoch, expiresAt: { $gt: now } }, { $set: { expiresAt } }).exec();
  }

  /** Ends a lease now, so the next claimant need not wait for its expiry; marked given back (load spreading tells it from a death). */
  async end(scope: string, owner: string, epoch: number, now: Date): Promise<void> {
    await this.heads.updateOne({ _id: scope, owner, epoch }, { $set: { expiresAt: now, givenBack: true } }).exec();
  }

  /** Deletes one epoch document (older epochs, once a newer one is won). */
  async dropEpoch(scope: string, epoch: number): Promise<void> {
    if (epoch > 0) await this.epochs.deleteOne({ _id: epochId(scope, epoch) }).exec();
  }

  /** Removes a scope that will never be claimed again (an outbox row once delivered). */
  async forget(scope: string, lastEpoch: number): Promise<void> {
    await this.heads.deleteOne({ _id: scope }).exec();
    for (let e = lastEpoch; e > Math.max(0, lastEpoch - 3); e--) await this.dropEpoch(scope, e);
  }
}
