import { Schema } from 'mongoose';

/** One alert per group episode, keyed by its stable alert key; updated on each notification. */
export const AlertSchema = new Schema(
  {
    _id: { type: String, required: true },
    groupKey: { type: String, required: true },
    brand: { type: String, required: true },
    severity: { type: String, required: true },
    title: String,
    summary: String,
    ruleId: String,
    teams: [String],
    channels: [String],
    slaPolicy: String,
    signalKeys: [String],
    createdAt: { type: Date, required: true },
    lastNotifiedAt: Date,
    needsResponse: Boolean,
    reason: String,
    notifyCount: Number,
    evidence: { type: Schema.Types.Mixed, default: {} },
    endedAt: Date,
  },
  { collection: 'alerts', versionKey: false, minimize: false },
);
// GET /api/v1/alerts: newest first, optionally for one brand.
AlertSchema.index({ brand: 1, createdAt: -1 });
// GET /api/v1/alerts without a brand: newest first.
AlertSchema.index({ createdAt: -1 });

/** The grouping state machine's memory for one group episode (see core/rules/group-state.ts). */
export const AlertGroupSchema = new Schema(
  {
    _id: { type: String, required: true },
    groupKey: { type: String, required: true },
    ruleId: String,
    brand: String,
    labels: { type: Schema.Types.Mixed, default: {} },
    openedAt: Date,
    signals: { type: [Schema.Types.Mixed], default: [] },
    notifiedSignals: [String],
    lastNotifiedAt: Date,
    notifyCount: Number,
    nextFlushAt: Date,
    closedAt: { type: Date, default: null },
  },
  { collection: 'alert_groups', versionKey: false, minimize: false },
);
// Each evaluation loads the open groups: find({ closedAt: null }).
AlertGroupSchema.index({ closedAt: 1 });
