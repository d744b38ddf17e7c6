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
// A second guard behind outbox_keys (rows written before it existed): one row per idempotency key.
OutboxSchema.index({ idempotencyKey: 1 }, { unique: true });
// GET /api/v1/outbox?state=dead: newest first per state.
OutboxSchema.index({ state: 1, createdAt: -1 });

/**
 * The outbox's work queue: one small entry per row not yet sent (pending, sending, or dead until requeued
 * or given up), keyed by the row's `_id` and removed once the row is sent. The dispatcher polls this, never
 * the outbox itself, which keeps every notification ever sent; no personal data here (see the privacy side).
 * Written before its row, so a crash in between leaves an entry without a row, looked at once a minute.
 */
export const OutboxQueueSchema = new Schema(
  {
    state: { type: String, required: true },
    nextAttemptAt: { type: Date, required: true },
    leaseOwner: String,
    leaseUntil: Date,
  },
  { collection: 'outbox_queue', versionKey: false },
);
// The dispatcher's poll (OutboxRepository.due): due pending entries and expired sending leases by nextAttemptAt.
OutboxQueueSchema.index({ state: 1, nextAttemptAt: 1 });

/**
 * The outbox's idempotency keys (`_id` = the key) and the row each names: a repeated enqueue finds its row
 * by two `_id` reads, and the admin list reads these small documents, never the rows with their bodies.
 * Inserted once per row and never changed (except to point at a row written before the keys existed).
 */
export const OutboxKeySchema = new Schema(
  { _id: { type: String, required: true }, row: { type: Schema.Types.ObjectId, required: true }, createdAt: { type: Date, required: true }, alertId: String, incidentId: String },
  { collection: 'outbox_keys', versionKey: false },
);
// GET /api/v1/outbox?alertId= (or incidentId=): newest first.
OutboxKeySchema.index({ alertId: 1, createdAt: -1 });
OutboxKeySchema.index({ incidentId: 1, createdAt: -1 });
// GET /api/v1/outbox: newest first.
OutboxKeySchema.index({ createdAt: -1 });
