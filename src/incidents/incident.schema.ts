import { Schema } from 'mongoose';

const firedStep = new Schema({ id: { type: String, required: true }, at: { type: Date, required: true } }, { _id: false });

const slaClock = new Schema(
  {
    policyId: { type: String, required: true },
    startedAt: { type: Date, required: true },
    respondDueAt: { type: Date, required: true },
    solveDueAt: { type: Date, required: true },
    pausedMs: { type: Number, default: 0 },
    pausedAt: Date,
    responseBreachedAt: Date,
    solutionBreachedAt: Date,
    firedSteps: { type: [firedStep], default: [] },
  },
  { _id: false },
);

const byAt = { at: { type: Date, required: true }, by: { type: String, required: true } };

/** Incidents: one per situation needing a response; the SLA clock and fired steps live on it. */
export const IncidentSchema = new Schema(
  {
    _id: { type: String, required: true },
    groupKey: { type: String, required: true },
    story: { type: String },
    brand: { type: String, required: true },
    severity: { type: String, required: true, enum: ['P1', 'P2', 'P3', 'P4'] },
    title: { type: String, required: true },
    summary: { type: String, default: '' },
    ruleId: { type: String, required: true },
    team: String,
    teams: { type: [String], default: [] },
    channels: { type: [String], default: ['email'] },
    owner: String,
    state: { type: String, required: true },
    alertKeys: { type: [String], default: [] },
    signalKeys: { type: [String], default: [] },
    evidence: { type: Schema.Types.Mixed, default: () => ({ kinds: [], crisisTerms: [], topMentions: [] }) },
    response: new Schema({ url: String, text: String, ...byAt, official: Schema.Types.Mixed }, { _id: false }),
    rejectedResponses: { type: [String], default: undefined },
    solution: new Schema({ text: String, ...byAt }, { _id: false }),
    notes: { type: [new Schema({ text: String, ...byAt }, { _id: false })], default: [] },
    audit: { type: [Schema.Types.Mixed], default: [] },
    openedAt: { type: Date, required: true },
    milestones: {
      acknowledged: Date,
      responded: Date,
      mitigated: Date,
      resolved: Date,
    },
    sla: { type: slaClock, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'incidents', versionKey: false, minimize: false },
);

// Escalation: the unresolved incident an alert with this group key joins.
IncidentSchema.index({ groupKey: 1, state: 1 });
// An alert about a story joins the unresolved incident of that story (findUnresolvedByStory).
IncidentSchema.index({ brand: 1, story: 1, state: 1 });
// The SLA job and the board: every incident not yet resolved, newest first.
IncidentSchema.index({ state: 1, openedAt: -1 });
// Board filters and stats: a brand's incidents over a time range.
IncidentSchema.index({ brand: 1, openedAt: -1 });
