import { z } from 'zod';

/** Engagement counters as a platform reports them at one observation. */
/** Zod's own message for an unreadable date is "expected date, received Date". */
const DATE_ERROR = 'not a readable date: use ISO 8601 with an offset, e.g. 2026-11-20T10:03:00+08:00';

export const engagementSchema = z
  .object({
    likes: z.number().int().min(0).default(0),
    shares: z.number().int().min(0).default(0),
    comments: z.number().int().min(0).default(0),
    views: z.number().int().min(0).default(0),
  })
  .strict();
export type Engagement = z.infer<typeof engagementSchema>;

const noDollarKeys = (v: Record<string, unknown> | undefined) => !v || Object.keys(v).every((k) => !k.startsWith('$'));

/**
 * One item said about a brand, as every ingest path hands it over: push API, import, scrapers, replay.
 * The unique key is (platform, externalId); ingesting it again updates engagement.
 */
export const mentionInputSchema = z
  .object({
    brand: z.string().min(1).max(200).describe('brand name or id; must match a configured brand (name, id or alias)'),
    platform: z.string().min(1).max(60).regex(/^[a-z0-9_.-]+$/, 'lower-case letters, digits, "_", "-" or "."'),
    externalId: z.string().min(1).max(400),
    source: z.string().max(200).optional().describe('the recipe or import that produced it'),
    url: z.string().url().max(2000).optional(),
    author: z
      .object({
        name: z.string().max(300).optional(),
        handle: z.string().max(300).optional(),
        followers: z.number().int().min(0).optional(),
      })
      .strict()
      .optional(),
    text: z.string().min(1).max(20_000),
    title: z.string().max(1000).optional(),
    lang: z.string().max(10).optional(),
    publishedAt: z.coerce.date({ error: DATE_ERROR }),
    observedAt: z.coerce.date({ error: DATE_ERROR }).optional().describe('when this engagement snapshot was observed; defaults to ingest time'),
    engagement: engagementSchema.optional(),
    rating: z.number().min(0).max(10).optional(),
    ratingScale: z.number().min(1).max(10).optional().describe('maximum of the rating scale, 5 unless given'),
    extra: z.record(z.string(), z.unknown()).refine(noDollarKeys, 'keys must not start with "$"').optional(),
  })
  .strict();
export type MentionInput = z.infer<typeof mentionInputSchema>;
