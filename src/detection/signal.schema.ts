import { Schema } from 'mongoose';

/** Signals as detected (src/core/detection/signal.ts), keyed by their stable key, with their strength over time. */
export const SignalSchema = new Schema(
  {
    _id: { type: String, required: true },
    brand: { type: String, required: true },
    kind: { type: String, required: true },
    scope: { type: Schema.Types.Mixed, default: {} },
    /** brand|kind|scope without the start: the situation a sequence of signals belongs to. */
    scopeKey: { type: String, required: true },
    status: { type: String, required: true },
    startedAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    endedAt: Date,
    strength: Number,
    peakStrength: Number,
    evidence: { type: Schema.Types.Mixed, default: {} },
    history: { type: [Schema.Types.Mixed], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'signals', versionKey: false, minimize: false },
);
// the detection pass: a brand's open signals and those closed recently enough to re-open
SignalSchema.index({ brand: 1, status: 1, endedAt: 1 });
// GET /api/v1/signals and escalation: recent signals, newest first, optionally of one brand/kind/status
SignalSchema.index({ lastSeenAt: -1 });
