import { contributionOf, sameContribution, type Contribution } from './contribution.js';
import type { Engagement } from './mention-input.js';
import type { Polarity } from '../sentiment/types.js';

/** The fields of a stored mention that its counted contribution and sighting times are read from. */
export interface StoredFormFields {
  brand: string;
  platform: string;
  publishedAt: Date;
  firstSeenAt: Date;
  lastSeenAt?: Date;
  engagement: Engagement;
  sentiment: { label: Polarity };
  crisis: readonly { term: string }[];
  keywords: readonly string[];
  aspects?: readonly { aspect: string; label: Polarity }[];
  counted?: Contribution;
}

/** What a mention counts in the counters as its own fields say (its brand, bucket, polarity, terms, topics, engagement, aspects). */
export function derivedContribution(m: StoredFormFields): Contribution {
  return contributionOf({
    brand: m.brand,
    platform: m.platform,
    publishedAt: m.publishedAt,
    polarity: m.sentiment.label,
    crisisTerms: m.crisis.map((c) => c.term),
    topics: m.keywords,
    engagement: m.engagement,
    aspects: m.aspects,
  });
}

/**
 * The document a mention is written as: without `counted` when its fields give exactly that contribution
 * (every mention stored by this version; a mention counted before aspects had counters keeps its own),
 * and without `lastSeenAt` when it is `firstSeenAt`. Each repeated field is a field the embedded database
 * types and decodes again in every row. `readForm` gives the mention back as it was.
 */
export function storedForm<T extends StoredFormFields>(m: T): Omit<T, 'counted' | 'lastSeenAt'> & Partial<T> {
  const out: Partial<T> = { ...m };
  if (m.counted && sameContribution(m.counted, derivedContribution(m))) delete out.counted;
  if (m.lastSeenAt && m.firstSeenAt && m.lastSeenAt.getTime() === m.firstSeenAt.getTime()) delete out.lastSeenAt;
  return out as Omit<T, 'counted' | 'lastSeenAt'> & Partial<T>;
}

/**
 * A mention as read, whichever layout stored it: `lastSeenAt` (after `firstSeenAt`) and `counted` (before
 * `rev`) put back where `storedForm` left them out, in the places the earlier layout kept them.
 * `counted: false` for a read that projected `counted` away.
 */
export function readForm<T extends StoredFormFields>(m: T, opts: { counted: boolean } = { counted: true }): T {
  const addCounted = opts.counted && !m.counted;
  if (!addCounted && (m.lastSeenAt || !m.firstSeenAt)) return m;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) {
    if (k === 'rev' && addCounted) out.counted = derivedContribution(m);
    out[k] = v;
    if (k === 'firstSeenAt' && !m.lastSeenAt && v) out.lastSeenAt = v;
  }
  if (addCounted && !out.counted) out.counted = derivedContribution(m);
  return out as T;
}
