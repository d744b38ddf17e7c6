import { Schema } from 'mongoose';

/**
 * A learned sentiment model: one document per brand (`_id` the brand id, `*` for the one of all brands), so
 * the collection stays as small as the brand list. The model's JSON form holds only the table slots that
 * learnt something and is bounded by the table size (2^18 slots × 20 bytes ≈ 7 MB as base64 at most).
 * Read by `_id` only.
 */
export const SentimentModelSchema = new Schema(
  {
    _id: { type: String, required: true },
    model: { type: Schema.Types.Mixed, required: true },
    labels: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'sentiment_models', versionKey: false, minimize: false },
);
