import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { COORDINATION } from '../database/coordination.js';
import type { Model } from 'mongoose';
import type { DaemonSeen } from '../../core/jobs/cluster-status.js';

export interface JobRun {
  scope: string;
  job: string;
  by: string;
  lastStartedAt?: Date;
  lastFinishedAt?: Date;
  lastError?: string;
  lagMs?: number;
  nextRunAt?: Date;
}


type RunDoc = Omit<JobRun, 'scope'> & { _id: string };
type BeatDoc = Omit<DaemonSeen, 'id'> & { _id: string };

/** Job run records and daemon heartbeats: small collections, written by `_id`. */
@Injectable()
export class JobRunsRepository {
  constructor(
    @InjectModel('JobRun', COORDINATION) private readonly runs: Model<RunDoc>,
    @InjectModel('Daemon', COORDINATION) private readonly daemons: Model<BeatDoc>,
  ) {}

  async get(scope: string): Promise<JobRun | undefined> {
    const doc = await this.runs.findById(scope).lean<RunDoc>().exec();
    return doc ? { scope: doc._id, ...doc } : undefined;
  }

  async all(): Promise<JobRun[]> {
    return (await this.runs.find().lean<RunDoc[]>().exec()).map(({ _id, ...rest }) => ({ scope: _id, ...rest }));
  }

  async save(run: JobRun): Promise<void> {
    const { scope, lastError, ...rest } = run;
    const update = lastError === undefined ? { $set: rest, $unset: { lastError: 1 } } : { $set: { ...rest, lastError } };
    await this.runs.updateOne({ _id: scope }, update, { upsert: true }).exec();
  }

  async beat(d: DaemonSeen): Promise<void> {
    const { id, ...rest } = d;
    await this.daemons.replaceOne({ _id: id }, rest, { upsert: true }).exec();
  }

  async gone(id: string): Promise<void> {
    await this.daemons.deleteOne({ _id: id }).exec();
  }

  async pruneDaemons(before: Date): Promise<void> {
    await this.daemons.deleteMany({ seenAt: { $lt: before } }).exec();
  }

  async daemonsSeen(): Promise<DaemonSeen[]> {
    return (await this.daemons.find().lean<BeatDoc[]>().exec()).map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }
}
