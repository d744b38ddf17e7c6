import { Schema } from 'mongoose';

/** One digest queued in the outbox: `_id` = `${brand}|${day}`, so a restart or a second replica never sends a day twice. */
export const DigestRunSchema = new Schema(
  {
    _id: { type: String, required: true },
    brand: { type: String, required: true },
    day: { type: String, required: true },
    queuedAt: { type: Date, required: true },
    recipients: [String],
  },
  { collection: 'digest_runs', versionKey: false },
);
