import { Schema } from 'mongoose';

/**
 * A learned sentiment model's header: one document per brand (`_id` the brand id, `*` for the one of all
 * brands), so the collection stays as small as the brand list. The model's JSON form holds only the table
 * slots that learnt something (2^19 slots × 20 bytes ≈ 14 MB as base64 at most), so it is stored in pieces
 * (`sentiment_model_chunks`): the header names the save's version and the number of pieces. A model saved
 * before the pieces holds its JSON in `model` and is read as it is. Read by `_id` only.
 */
export const SentimentModelSchema = new Schema(
  {
    _id: { type: String, required: true },
    model: { type: Schema.Types.Mixed, required: false },
    version: { type: String, required: false },
    chunks: { type: Number, required: false },
    labels: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'sentiment_models', versionKey: false, minimize: false },
);
