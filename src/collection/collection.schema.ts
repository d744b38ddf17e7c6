import { Schema } from 'mongoose';

/** Each source's collection health (src/core/sources/collection-gap.ts): one small document per source. */
export const CollectionHealthSchema = new Schema(
  {
    _id: { type: String, required: true },
    platform: { type: String, required: true },
    brands: { type: [String], default: undefined },
    expectedYield: { type: Number, required: true },
    goodRuns: { type: Number, required: true },
    lastYield: { type: Number, required: true },
    runIntervalMs: { type: Number, required: true },
    lastRunAt: Date,
    lastGoodAt: Date,
    gapSince: Date,
    degradedReason: String,
    /** Per brand the source collects for: its usual and latest yield (src/core/sources/brand-yield.ts); a few entries. */
    brandYields: { type: [Schema.Types.Mixed], default: undefined },
  },
  { collection: 'collection_health', versionKey: false },
);

/** A period a source could not see: one document per gap, so it grows with outages, never with mentions. */
export const CollectionGapSchema = new Schema(
  {
    _id: { type: String, required: true },
    source: { type: String, required: true },
    platform: { type: String, required: true },
    /** The brands the source collects for: their series are incomplete during the gap. */
    brands: { type: [String], default: [] },
    since: { type: Date, required: true },
    /** Unset while the gap is open. */
    until: Date,
    reason: String,
  },
  { collection: 'collection_gaps', versionKey: false },
);
// detection and the dashboards: a brand's gaps overlapping a time range (open ones have no `until`)
CollectionGapSchema.index({ brands: 1, until: 1, since: 1 });
