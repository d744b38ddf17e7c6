import type { TopicCounts } from '../mention/contribution.js';

/** A review aspect's negative share this period beside the previous one. */
export interface AspectRow {
  aspect: string;
  /** Mentions naming the aspect this period, and those negative about it. */
  total: number;
  negative: number;
  /** Negative share this period, percent (one decimal). */
  share: number;
  previousTotal: number;
  previousNegative: number;
  /** Negative share in the previous period, percent; null when no mention named the aspect then. */
  previousShare: number | null;
  /** Change of the negative share in percentage points; null without a previous share. */
  change: number | null;
}

const pct = (part: number, whole: number): number => Math.round((part / whole) * 1000) / 10;

/**
 * The aspects that worsened most: every aspect named this period, by how far its negative share rose against
 * the previous period (aspects new this period after those with a previous share, by their share). Each row
 * keeps the counts behind its shares, so a reader sees when a share rests on a handful of mentions.
 */
export function worseningAspects(current: ReadonlyMap<string, TopicCounts>, previous: ReadonlyMap<string, TopicCounts>, limit: number): AspectRow[] {
  const rows: AspectRow[] = [];
  for (const [aspect, c] of current) {
    const p = previous.get(aspect);
    const share = pct(c.negative, c.total);
    const previousShare = p && p.total > 0 ? pct(p.negative, p.total) : null;
    rows.push({
      aspect,
      total: c.total,
      negative: c.negative,
      share,
      previousTotal: p?.total ?? 0,
      previousNegative: p?.negative ?? 0,
      previousShare,
      change: previousShare === null ? null : Math.round((share - previousShare) * 10) / 10,
    });
  }
  const rank = (r: AspectRow): number => (r.change === null ? -Infinity : r.change);
  return rows.sort((a, b) => rank(b) - rank(a) || b.share - a.share || a.aspect.localeCompare(b.aspect)).slice(0, limit);
}
