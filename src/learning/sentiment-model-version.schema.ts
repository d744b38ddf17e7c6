import { Schema } from 'mongoose';

/**
 * The version of each learned model (`_id` the model's key, as in `sentiment_models`): a few bytes that every
 * process reads by `_id` on a tick to notice that another process learnt something, instead of reading the
 * model itself (up to a few MB) each time. Written after the model, so a new version always finds its model.
 */
export const SentimentModelVersionSchema = new Schema(
  {
    _id: { type: String, required: true },
    version: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'sentiment_model_versions', versionKey: false },
);
