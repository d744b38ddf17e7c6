import { Schema } from 'mongoose';

/**
 * A label a person gave a text: imported (`goldenhour learn`) or a correction of a mention's sentiment
 * (with who, when, what it replaced, and its undo). It grows with labels, not with mentions; hot paths never
 * read it: a correction is read by `_id`, and the brand's labels only when its model is learnt again.
 */
export const SentimentLabelSchema = new Schema(
  {
    _id: { type: String, required: true },
    brand: { type: String, required: true },
    text: { type: String, required: true },
    label: { type: String, required: true, enum: ['positive', 'neutral', 'negative'] },
    source: { type: String, required: true, enum: ['import', 'correction'] },
    mentionId: { type: String },
    aspect: { type: String },
    previous: { type: Schema.Types.Mixed },
    by: { type: String, required: true },
    at: { type: Date, required: true },
    undoneAt: { type: Date },
    undoneBy: { type: String },
    audit: { type: [Schema.Types.Mixed], default: undefined },
  },
  { collection: 'sentiment_labels', versionKey: false },
);
// Relearning a brand's model after an undo reads its labels in order.
SentimentLabelSchema.index({ brand: 1, at: 1 });
// The retention purge: labels older than `privacy.retention.labelDays`.
SentimentLabelSchema.index({ at: 1 });
