import { Schema } from 'mongoose';

/**
 * The last and next run of each scheduled unit (`_id` = its lease scope): a daemon that takes a unit over
 * continues its rhythm from here, and status shows it. One document per unit, written by `_id`.
 */
export const JobRunSchema = new Schema(
  { _id: { type: String, required: true }, job: String, by: String, lastStartedAt: Date, lastFinishedAt: Date, lastError: String, lagMs: Number, nextRunAt: Date },
  { collection: 'job_runs', versionKey: false },
);

/**
 * Daemon heartbeats (`_id` = the daemon's id): which daemons are alive. Written by `_id` every few seconds;
 * a daemon deletes its own on a graceful stop, and entries unseen for a day are dropped.
 */
export const DaemonSchema = new Schema(
  { _id: { type: String, required: true }, host: String, pid: Number, startedAt: Date, seenAt: Date, url: String },
  { collection: 'daemons', versionKey: false },
);
// Pruning heartbeats of daemons gone for a day: deleteMany({ seenAt: { $lt } }) (a handful of documents).
DaemonSchema.index({ seenAt: 1 });
