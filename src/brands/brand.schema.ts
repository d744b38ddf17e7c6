import { Schema } from 'mongoose';

export const BrandSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    names: { type: Schema.Types.Mixed, default: {} },
    aliases: { type: [String], default: [] },
    keywords: { type: [String], default: [] },
    competitors: { type: [String], default: [] },
    timezone: { type: String, default: 'UTC' },
    /** 'competitor': tracked for share of voice only (dashboards open on an own brand). */
    kind: { type: String, enum: ['own', 'competitor'] },
    /** Overrides of privacy.masking for this brand's stored mention text. */
    masking: { type: Schema.Types.Mixed },
    /** Platform → the brand's own account handles (their posts stop incident response clocks). */
    officialAccounts: { type: Schema.Types.Mixed },
    /** 'config' brands are rewritten from goldenhour.yaml at every start; 'api' brands are managed by the API. */
    origin: { type: String, enum: ['config', 'api'], default: 'api' },
    updatedAt: { type: Date },
  },
  { collection: 'brands', versionKey: false },
);
