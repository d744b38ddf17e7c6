import type { Polarity } from '../sentiment/types.js';

/**
 * A negative mention as the dashboard lists it: a short copy kept in a collection per UTC hour of
 * publication, so "the latest negative mentions" reads the newest few small collections instead of scanning
 * every stored mention (FerretDB's SQLite backend answers every filtered query with a full scan). Databases
 * written before kept one collection per UTC day (`negatives_YYYYMMDD`); `goldenhour migrate` splits those.
 */
export interface NegativeHighlight {
  _id: string;
  brand: string;
  platform: string;
  externalId: string;
  url?: string;
  author?: string;
  title?: string;
  text: string;
  publishedAt: Date;
  /** likes + shares + comments, as last seen. */
  engagement: number;
  crisisTerms: string[];
}

export interface HighlightSource {
  _id: string;
  brand: string;
  platform: string;
  externalId: string;
  url?: string;
  author?: { name?: string };
  title?: string;
  text: string;
  publishedAt: Date;
  engagement: { likes?: number; shares?: number; comments?: number };
  sentiment: { label: Polarity };
  crisis: { term: string }[];
}

const TEXT_CHARS = 280;

/** The highlight a mention shows as, or null when it is not negative. */
export function negativeHighlightOf(m: HighlightSource): NegativeHighlight | null {
  if (m.sentiment.label !== 'negative') return null;
  return {
    _id: m._id,
    brand: m.brand,
    platform: m.platform,
    externalId: m.externalId,
    ...(m.url ? { url: m.url } : {}),
    ...(m.author?.name ? { author: m.author.name } : {}),
    ...(m.title ? { title: m.title } : {}),
    text: m.text.length > TEXT_CHARS ? `${m.text.slice(0, TEXT_CHARS - 1)}…` : m.text,
    publishedAt: m.publishedAt,
    engagement: (m.engagement.likes ?? 0) + (m.engagement.shares ?? 0) + (m.engagement.comments ?? 0),
    crisisTerms: [...new Set(m.crisis.map((c) => c.term))],
  };
}

/** Collection of the highlights published in the UTC hour of `t`: `negatives_YYYYMMDD_HH`. */
export function highlightCollection(t: Date | number): string {
  const d = new Date(t);
  return `negatives_${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}_${String(d.getUTCHours()).padStart(2, '0')}`;
}

/** The UTC day (`YYYYMMDD`) of a highlight collection, an hour's or a day's of the layout before hours; null for any other name. */
export function highlightDay(name: string): string | null {
  return /^negatives_(\d{8})(?:_\d{2})?$/.exec(name)?.[1] ?? null;
}

/** Whether a highlight collection is a whole day's, written before the collections per hour. */
export const isDayHighlights = (name: string): boolean => /^negatives_\d{8}$/.test(name);

/** The most engaging of the latest highlights, newest first on ties. */
export function mostEngaging(latest: readonly NegativeHighlight[], limit: number): NegativeHighlight[] {
  return [...latest].sort((a, b) => b.engagement - a.engagement || b.publishedAt.getTime() - a.publishedAt.getTime()).slice(0, limit);
}
