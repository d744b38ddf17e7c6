import { Schema } from 'mongoose';

/** One run of one source: what it saw, what ingest made of it, how it ended. */
export const SourceRunSchema = new Schema(
  {
    source: { type: String, required: true },
    startedAt: { type: Date, required: true },
    durationMs: { type: Number, required: true },
    outcome: { type: String, required: true, enum: ['ok', 'degraded', 'skipped'] },
    pages: Number,
    seen: Number,
    new: Number,
    updated: Number,
    unchanged: Number,
    broken: Number,
    rejected: Number,
    targets: [{ _id: false, target: String, pages: Number, items: Number, stoppedBy: String, error: String }],
    problems: [String],
  },
  { collection: 'source_runs', versionKey: false },
);
// GET /api/v1/sources: the latest runs of a source.
SourceRunSchema.index({ source: 1, startedAt: -1 });

/** A source's health: ok or degraded with the reason, and the circuit breaker's pause. */
export const SourceStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    status: { type: String, required: true, enum: ['ok', 'degraded'] },
    reason: String,
    consecutiveFailures: { type: Number, required: true },
    pausedUntil: Date,
    lastRunAt: Date,
    lastSuccessAt: Date,
  },
  { collection: 'source_states', versionKey: false },
);
