import { Schema } from 'mongoose';

/** Per brand × platform × 5-minute bucket counters, `_id` = `${brand}|${platform}|${start}`. */
export const BucketSchema = new Schema(
  {
    _id: { type: String, required: true },
    brand: { type: String, required: true },
    platform: { type: String, required: true },
    start: { type: Date, required: true },
    total: Number,
    negative: Number,
    neutral: Number,
    positive: Number,
    crisis: Number,
    likes: Number,
    shares: Number,
    comments: Number,
    views: Number,
  },
  { collection: 'buckets', versionKey: false },
);
// a brand's series over a time range (dashboards, detection)
BucketSchema.index({ brand: 1, start: 1 });

/** Per brand × topic (keyword or crisis term) × 5-minute bucket counters. */
export const TopicBucketSchema = new Schema(
  {
    _id: { type: String, required: true },
    brand: { type: String, required: true },
    kind: { type: String, required: true },
    topic: { type: String, required: true },
    start: { type: Date, required: true },
    total: Number,
    negative: Number,
    neutral: Number,
    positive: Number,
  },
  { collection: 'topic_buckets', versionKey: false },
);
// top topics of a brand over a range, and one topic's series
TopicBucketSchema.index({ brand: 1, start: 1, kind: 1 });

