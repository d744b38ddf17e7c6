import { Schema } from 'mongoose';

/**
 * Step markers: one document per (incident, escalation step) that has fired. Inserting it is the claim:
 * the unique `_id` lets exactly one process (or one run, across a crash and restart) fire the step.
 */
export const IncidentStepSchema = new Schema(
  {
    _id: { type: String, required: true },
    incidentId: { type: String, required: true },
    stepId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'incident_steps', versionKey: false },
);

// Listing the steps an incident has fired (audit and tests).
IncidentStepSchema.index({ incidentId: 1 });
