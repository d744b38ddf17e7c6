import type { Contribution } from './contribution.js';
import type { Engagement } from './mention-input.js';

/**
 * What ingest must know of a stored mention to handle it being seen again: where its document lives,
 * its revision, what it adds to the counters, its latest engagement and a signature of its content.
 * Kept in a bounded in-process cache and in the journal (see journal.ts), so a re-seen mention is
 * handled without reading the mention collections; the database stays the truth through the revision
 * records that every change inserts (an insert of revision r+1 succeeds for one writer only).
 */
export interface MentionState {
  key: string;
  /** UTC day of publication, `YYYYMMDD`: the partition holding the mention's document. */
  day: string;
  rev: number;
  counted: Contribution;
  engagement: Engagement;
  /** Signature of what is stored in the mention document besides engagement (text, title, url, rating, time, analysis). */
  content: string;
  firstSeenAt: number;
  lastSeenAt: number;
}

/** What a new observation of a known mention changes. */
export type ChangeKind = 'unchanged' | 'engagement' | 'content';

/**
 * The ingest decision for a re-sighting: a content change (text, analysis, time: the signature covers what
 * the mention counts with besides engagement) rewrites the document; an engagement change alone does not.
 */
export function changeKind(before: Pick<MentionState, 'content' | 'day' | 'engagement'>, after: Pick<MentionState, 'content' | 'day' | 'engagement'>): ChangeKind {
  if (before.content !== after.content || before.day !== after.day) return 'content';
  return sameEngagement(before.engagement, after.engagement) ? 'unchanged' : 'engagement';
}

export function sameEngagement(a: Engagement, b: Engagement): boolean {
  return a.likes === b.likes && a.shares === b.shares && a.comments === b.comments && a.views === b.views;
}


const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYYMMDD` of the UTC day holding t. */
export function utcDay(t: Date | number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** Start (epoch ms) of a `YYYYMMDD` day. */
export function dayStart(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)));
}

/** Every `YYYYMMDD` day overlapping [from, to), oldest first. */
export function daysBetween(from: number, to: number): string[] {
  const out: string[] = [];
  for (let t = dayStart(utcDay(from)); t < to; t += 86_400_000) out.push(utcDay(t));
  return out;
}

/**
 * Content signature: changes when anything stored besides engagement and sighting times changes. The source
 * is left out: the same post seen through another source (a scraper, then a push) is not rewritten.
 */
export function contentSignature(m: { text: string; title?: string; url?: string; rating?: number; publishedAt: Date; sentimentScore: number; counted: Omit<Contribution, 'likes' | 'shares' | 'comments' | 'views'>; author?: unknown; extra?: unknown }): string {
  const { likes: _l, shares: _s, comments: _c, views: _v, ...counted } = m.counted as Contribution;
  return JSON.stringify([m.text, m.title ?? null, m.url ?? null, m.rating ?? null, m.publishedAt.getTime(), m.sentimentScore, counted, m.author ?? null, m.extra ?? null]);
}
