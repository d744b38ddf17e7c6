import { Schema } from 'mongoose';

/**
 * One small entry per unresolved incident, keyed by the incident's `_id` and removed when it is resolved:
 * the SLA job and alert grouping read this instead of the incidents collection, which keeps every incident
 * ever opened. Written before the incident itself, so a crash leaves at most an entry the next reader drops.
 */
export const OpenIncidentSchema = new Schema(
  {
    _id: { type: String, required: true },
    brand: { type: String, required: true },
    groupKey: { type: String, required: true },
    story: String,
    openedAt: { type: Date, required: true },
  },
  { collection: 'incidents_open', versionKey: false },
);
// The SLA job: every unresolved incident, oldest first (IncidentsRepository.unresolved).
OpenIncidentSchema.index({ openedAt: 1 });
// An alert joins the unresolved incident of its group key (findUnresolvedByGroupKey).
OpenIncidentSchema.index({ groupKey: 1 });
// An alert about a story joins the unresolved incident of that story (findUnresolvedByStory).
OpenIncidentSchema.index({ brand: 1, story: 1 });
