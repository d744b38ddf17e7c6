import { Schema } from 'mongoose';

/**
 * One piece of a stored learned model's JSON text (`_id` `<model key>|<save version>|<index>`): a model with
 * character trigrams can outgrow MongoDB's 16 MB document limit, so its JSON is cut into pieces of at most
 * MODEL_CHUNK_CHARS characters (learning.repository.ts) and `sentiment_models` keeps only the header saying
 * which version and how many pieces. Read and deleted by `_id` only; a save leaves only its own pieces.
 */
export const SentimentModelChunkSchema = new Schema(
  {
    _id: { type: String, required: true },
    data: { type: String, required: true },
  },
  { collection: 'sentiment_model_chunks', versionKey: false },
);
