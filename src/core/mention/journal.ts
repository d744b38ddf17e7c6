import type { Engagement } from './mention-input.js';
import type { Polarity } from '../sentiment/types.js';
import { utcDay } from './mention-state.js';

/**
 * The mention journal: every new mention and every change of a stored one, as it was observed, packed
 * many to a document (one per ingest batch and UTC hour of observation) in a JSON string, because the
 * embedded database's cost is per document and per field decoded, not per byte of a string. Readers
 * that serve a time range (viral posts, evidence, the ingest state cache after a restart) read the
 * journal of those days only, whatever the number of stored mentions.
 */
export interface JournalEntry {
  /** Mention key `${platform}:${externalId}`. */
  k: string;
  /** Brand id. */
  b: string;
  /** Revision this observation created. */
  r: number;
  /** UTC day of publication `YYYYMMDD` (the partition of the mention's document). */
  d: string;
  /** Start of the 5-minute bucket the mention is counted in (epoch ms). */
  q: number;
  /** Observed at (epoch ms). */
  t: number;
  /** Engagement: likes, shares, comments, views. */
  e: [number, number, number, number];
  /** Polarity as analysed. */
  p: Polarity;
  /** Content signature, on a new mention or a content change. */
  s?: string;
  /** A short copy for evidence lists, on a new mention or a content change. */
  h?: JournalHighlight;
}

export interface JournalHighlight {
  platform: string;
  externalId: string;
  url?: string;
  title?: string;
  author?: string;
  text: string;
  publishedAt: number;
  crisisTerms: string[];
  /** Review aspects the mention is negative about (rules/aspects.yaml): what alert rules' `negative_aspects` match. */
  negativeAspects?: string[];
}

export const HIGHLIGHT_CHARS = 280;

/** What a highlight is made from: the stored mention's content. */
export interface HighlightedMention {
  platform: string;
  externalId: string;
  url?: string;
  title?: string;
  author?: { name?: string };
  text: string;
  publishedAt: Date;
  crisis: readonly { term: string }[];
  aspects?: readonly { aspect: string; label: Polarity }[];
}

/** The short copy of a mention that evidence lists show (text clipped to HIGHLIGHT_CHARS). */
export function journalHighlightOf(m: HighlightedMention): JournalHighlight {
  return {
    platform: m.platform,
    externalId: m.externalId,
    ...(m.url ? { url: m.url } : {}),
    ...(m.title ? { title: m.title } : {}),
    ...(m.author?.name ? { author: m.author.name } : {}),
    text: m.text.length > HIGHLIGHT_CHARS ? `${m.text.slice(0, HIGHLIGHT_CHARS - 1)}…` : m.text,
    publishedAt: m.publishedAt.getTime(),
    crisisTerms: [...new Set(m.crisis.map((c) => c.term))],
    ...(m.aspects?.some((a) => a.label === 'negative') ? { negativeAspects: m.aspects.filter((a) => a.label === 'negative').map((a) => a.aspect) } : {}),
  };
}

export function engagementTuple(e: Engagement): [number, number, number, number] {
  return [e.likes, e.shares, e.comments, e.views];
}

export function engagementOf(t: readonly number[]): Engagement {
  return { likes: t[0] ?? 0, shares: t[1] ?? 0, comments: t[2] ?? 0, views: t[3] ?? 0 };
}

const HOUR_MS = 3_600_000;

/**
 * Journal collection of the UTC hour `t` was observed in: readers of the last hour or two (viral posts,
 * evidence) decode a few documents whatever the day's volume.
 */
export function journalCollection(t: number | Date): string {
  const ms = typeof t === 'number' ? t : t.getTime();
  return `journal_${utcDay(ms)}${String(new Date(ms).getUTCHours()).padStart(2, '0')}`;
}

/** Start (epoch ms) of every UTC hour overlapping [from, to), oldest first. */
export function hoursBetween(from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = from - (((from % HOUR_MS) + HOUR_MS) % HOUR_MS); t < to; t += HOUR_MS) out.push(t);
  return out;
}

/** Groups entries into one packed document per journal collection (UTC hour of observation). */
export function packJournal(entries: readonly JournalEntry[]): Map<string, { at: Date; data: string }> {
  const by = new Map<string, JournalEntry[]>();
  for (const e of entries) {
    const name = journalCollection(e.t);
    (by.get(name) ?? by.set(name, []).get(name)!).push(e);
  }
  const out = new Map<string, { at: Date; data: string }>();
  for (const [name, list] of by) out.set(name, { at: new Date(Math.max(...list.map((e) => e.t))), data: JSON.stringify(list) });
  return out;
}

/** One engagement observation per entry, as the viral-post detector reads them. */
export interface Observation {
  mention: string;
  brand: string;
  /** UTC day of publication `YYYYMMDD`: where the mention's document is (evidence reads it by `_id` there). */
  day: string;
  at: Date;
  likes: number;
  shares: number;
  comments: number;
  views: number;
}

export function observationOf(e: JournalEntry): Observation {
  return { mention: e.k, brand: e.b, day: e.d, at: new Date(e.t), ...engagementOf(e.e) };
}

/** The observations of the entries (of one brand, if given), oldest first. */
export function observationsOf(entries: readonly JournalEntry[], brand?: string): Observation[] {
  return entries.filter((e) => !brand || e.b === brand).sort((a, b) => a.t - b.t).map(observationOf);
}

/** An evidence candidate: a mention first seen (or rewritten) in the window, with its latest engagement there. */
export interface EvidenceMention {
  key: string;
  brand: string;
  polarity: Polarity;
  highlight: JournalHighlight;
  engagement: Engagement;
}

/**
 * The most engaging mentions published in [from, to) among journal entries (any order), of one polarity
 * if given: sorted by shares, then comments, then newest publication, as the evidence lists want them.
 */
export function mostEngagingInJournal(entries: readonly JournalEntry[], q: { brand: string; from: number; to: number; polarity?: Polarity; limit: number }): EvidenceMention[] {
  const latest = new Map<string, JournalEntry>();
  const shown = new Map<string, JournalEntry>();
  for (const e of entries) {
    if (e.b !== q.brand) continue;
    const l = latest.get(e.k);
    if (!l || l.r < e.r) latest.set(e.k, e);
    if (e.h) {
      const s = shown.get(e.k);
      if (!s || s.r < e.r) shown.set(e.k, e);
    }
  }
  const out: EvidenceMention[] = [];
  for (const [key, s] of shown) {
    const l = latest.get(key)!;
    const polarity = l.h ? l.p : s.p;
    if (s.h!.publishedAt < q.from || s.h!.publishedAt >= q.to) continue;
    if (q.polarity && polarity !== q.polarity) continue;
    out.push({ key, brand: s.b, polarity, highlight: s.h!, engagement: engagementOf(l.e) });
  }
  out.sort((a, b) => b.engagement.shares - a.engagement.shares || b.engagement.comments - a.engagement.comments || b.highlight.publishedAt - a.highlight.publishedAt);
  return out.slice(0, q.limit);
}
