import { Schema } from 'mongoose';

/** A notification written before it is sent: pending → sending (under the lease `outbox-row:<id>`) → sent, or dead after N failures. */
export const OutboxSchema = new Schema(
  {
    idempotencyKey: { type: String, required: true },
    channel: { type: String, required: true },
    to: { type: String, required: true },
    subject: String,
    text: String,
    html: String,
    payload: { type: Schema.Types.Mixed },
    attachments: { type: Schema.Types.Mixed },
    alertId: String,
    incidentId: String,
    state: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    leaseOwner: String,
    leaseUntil: Date,
    lastError: String,
    createdAt: { type: Date, required: true },
    sentAt: Date,
  },
  { collection: 'outbox', versionKey: false, minimize: false },
);
// enqueue: one row per idempotency key, so a repeated enqueue is a no-op.
OutboxSchema.index({ idempotencyKey: 1 }, { unique: true });
// The dispatcher's claim: due pending rows (and expired sending leases) by nextAttemptAt.
OutboxSchema.index({ state: 1, nextAttemptAt: 1 });
// GET /api/v1/outbox?state=dead: newest first per state.
OutboxSchema.index({ state: 1, createdAt: -1 });
