import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { SourceRun, SourceState } from './source-run.js';

interface StateDoc {
  _id: string;
  status: 'ok' | 'degraded';
  reason?: string;
  consecutiveFailures: number;
  pausedUntil?: Date;
  lastRunAt?: Date;
  lastSuccessAt?: Date;
  leaseUntil?: Date;
}

/** The only code that touches source_runs and source_states. */
@Injectable()
export class SourcesRepository {
  constructor(
    @InjectModel('SourceRun') private readonly runModel: Model<SourceRun>,
    @InjectModel('SourceState') private readonly stateModel: Model<StateDoc>,
  ) {}

  async recordRun(run: SourceRun): Promise<void> {
    await this.runModel.create(run);
  }

  async latestRuns(source: string, limit: number): Promise<SourceRun[]> {
    return this.runModel.find({ source }, { _id: 0 }).sort({ startedAt: -1, _id: -1 }).limit(limit).lean<SourceRun[]>().exec();
  }

  async state(source: string): Promise<SourceState | undefined> {
    const doc = await this.stateModel.findById(source).lean<StateDoc>().exec();
    return doc ? fromDoc(doc) : undefined;
  }

  async states(): Promise<SourceState[]> {
    const docs = await this.stateModel.find().lean<StateDoc[]>().exec();
    return docs.map(fromDoc);
  }

  /**
   * Takes the run lease of a source until `until` unless another run holds an unexpired one, so each
   * scheduled run happens once even with several daemon replicas; a crashed holder's lease expires.
   */
  async claim(source: string, now: Date, until: Date): Promise<boolean> {
    try {
      const doc = await this.stateModel
        .findOneAndUpdate(
          { _id: source, $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: null }, { leaseUntil: { $lte: now } }] },
          { $set: { leaseUntil: until }, $setOnInsert: { status: 'ok', consecutiveFailures: 0 } },
          { upsert: true, returnDocument: 'after' },
        )
        .lean<StateDoc>()
        .exec();
      return doc !== null;
    } catch (err) {
      // The upsert collides with the existing document when another run holds the lease.
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  async release(source: string): Promise<void> {
    await this.stateModel.updateOne({ _id: source }, { $unset: { leaseUntil: 1 } }).exec();
  }

  async saveState(state: SourceState): Promise<void> {
    const { source, ...rest } = state;
    const unset = (['reason', 'pausedUntil'] as const).filter((k) => rest[k] === undefined);
    await this.stateModel
      .updateOne({ _id: source }, { $set: stripUndefined(rest), ...(unset.length ? { $unset: Object.fromEntries(unset.map((k) => [k, 1])) } : {}) }, { upsert: true })
      .exec();
  }
}

function fromDoc(doc: StateDoc): SourceState {
  const { _id, ...rest } = doc;
  return { source: _id, ...rest };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
