import type { Polarity } from '../sentiment/types.js';
import { HOUR_MS } from './rollup.js';

/**
 * A negative mention as the dashboard lists it: a short copy kept in a collection per brand and 6-hour UTC block of
 * publication, so "a brand's latest negative mentions" reads the newest few small collections of that brand instead of
 * scanning every stored mention, or every brand's (FerretDB's SQLite backend answers every filtered query with a full
 * scan). Databases written before kept one collection per block of all brands, per UTC hour or per UTC day
 * (`negatives_YYYYMMDD[_HH]`); `goldenhour migrate` regroups those.
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

/**
 * Hours one highlight collection spans. A busy brand's newest 200 lie in its newest block or two (at 1,000,000 stored a
 * day holds about 6,450 highlights of every brand's, a block a quarter of that); a quiet one's 200 over a week take a
 * few dozen reads instead of one per hour (each read costs a round trip however small the collection).
 */
export const HIGHLIGHT_BLOCK_HOURS = 6;
export const HIGHLIGHT_BLOCK_MS = HIGHLIGHT_BLOCK_HOURS * HOUR_MS;

const PREFIX = 'negatives_';
const NAME = /^negatives_(\d{4})(\d{2})(\d{2})(?:_(\d{2})(?:_(.+))?)?$/;

/**
 * Collection of a brand's highlights published in the UTC 6-hour block of `t`: `negatives_YYYYMMDD_HH_BRAND`, HH the
 * block's first hour (00, 06, 12, 18). Brand ids hold no "_" (config), so the name parses back.
 */
export function highlightCollection(brand: string, t: Date | number): string {
  const d = new Date(t);
  const hour = Math.floor(d.getUTCHours() / HIGHLIGHT_BLOCK_HOURS) * HIGHLIGHT_BLOCK_HOURS;
  return `${PREFIX}${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}_${String(hour).padStart(2, '0')}_${brand}`;
}

/**
 * The publication times [start, end) a highlight collection holds, ms, and its brand: a brand's block; of the layouts
 * before, a block of all brands, one hour (a name whose hour starts no block) or a whole day (`negatives_YYYYMMDD`), with
 * no brand; null for any other name.
 */
export function highlightSpan(name: string): { start: number; end: number; brand?: string } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (m[4] === undefined) return { start: day, end: day + 24 * HOUR_MS };
  const hour = Number(m[4]);
  const end = day + (hour + (hour % HIGHLIGHT_BLOCK_HOURS ? 1 : HIGHLIGHT_BLOCK_HOURS)) * HOUR_MS;
  return { start: day + hour * HOUR_MS, end, ...(m[5] !== undefined ? { brand: m[5] } : {}) };
}

/** The UTC day (`YYYYMMDD`) of a highlight collection of any layout; null for any other name. */
export function highlightDay(name: string): string | null {
  return highlightSpan(name) ? name.slice(PREFIX.length, PREFIX.length + 8) : null;
}

/** Whether a highlight collection is of a layout before brand blocks (all brands' block, hour or day): `goldenhour migrate` regroups it. */
export function isEarlierLayout(name: string): boolean {
  const span = highlightSpan(name);
  return !!span && (span.brand === undefined || highlightCollection(span.brand, span.start) !== name);
}

/** The most engaging of the latest highlights, newest first on ties. */
export function mostEngaging(latest: readonly NegativeHighlight[], limit: number): NegativeHighlight[] {
  return [...latest].sort((a, b) => b.engagement - a.engagement || b.publishedAt.getTime() - a.publishedAt.getTime()).slice(0, limit);
}
