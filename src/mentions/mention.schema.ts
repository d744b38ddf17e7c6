import { Schema } from 'mongoose';

/** A mention, keyed by `${platform}:${externalId}` so a re-scrape updates instead of duplicating. */
export const MentionSchema = new Schema(
  {
    _id: { type: String, required: true },
    brand: { type: String, required: true },
    platform: { type: String, required: true },
    externalId: { type: String, required: true },
    source: String,
    url: String,
    author: { name: String, hash: String, handle: String, followers: Number },
    title: String,
    text: { type: String, required: true },
    lang: String,
    publishedAt: { type: Date, required: true },
    firstSeenAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    engagement: { likes: Number, shares: Number, comments: Number, views: Number },
    rating: Number,
    ratingScale: Number,
    sentiment: { score: Number, label: String },
    crisis: [{ _id: false, term: String, category: String, severity: Number }],
    keywords: [String],
    extra: Schema.Types.Mixed,
    /** What this mention currently adds to the buckets; updates apply the difference. */
    counted: Schema.Types.Mixed,
    /** Optimistic-concurrency revision: an update applies only to the revision it read. */
    rev: { type: Number, required: true },
  },
  { collection: 'mentions', versionKey: false },
);
// latest mentions of a brand (dashboards' "latest negative mentions", reanalyze --since)
MentionSchema.index({ brand: 1, publishedAt: -1 });
// mentions whose engagement changed recently (viral-post detection)
MentionSchema.index({ lastSeenAt: -1 });

/** Engagement as observed at one time: the viral-post detector reads growth between snapshots. */
export const SnapshotSchema = new Schema(
  {
    mention: { type: String, required: true },
    brand: { type: String, required: true },
    at: { type: Date, required: true },
    likes: Number,
    shares: Number,
    comments: Number,
    views: Number,
  },
  { collection: 'engagement_snapshots', versionKey: false },
);
// one mention's snapshots in time order
SnapshotSchema.index({ mention: 1, at: 1 });
// a brand's recent snapshots (viral-post detection)
SnapshotSchema.index({ brand: 1, at: -1 });
