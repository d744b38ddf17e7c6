import { Schema } from 'mongoose';

/**
 * Lease heads: one small document per scope (`_id` = scope) naming the current owner, epoch and expiry.
 * Read by `_id`; the whole collection is read only for status. Scopes are the scheduled units plus the
 * outbox rows in flight (forgotten once sent), so it stays bounded.
 */
export const LeaseHeadSchema = new Schema(
  { _id: { type: String, required: true }, owner: String, epoch: Number, since: Date, expiresAt: Date, givenBack: Boolean },
  { collection: 'leases', versionKey: false },
);

/**
 * Lease epochs: one document per (scope, epoch), `_id` = `scope#epoch`. Inserting it is how an epoch is
 * won — the unique `_id` refuses every other claimant on MongoDB and FerretDB alike. Only the last few
 * epochs of a scope are kept (see EPOCHS_KEPT); all access is by `_id`.
 */
export const LeaseEpochSchema = new Schema(
  { _id: { type: String, required: true }, owner: String, at: Date, expiresAt: Date },
  { collection: 'lease_epochs', versionKey: false },
);
