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
