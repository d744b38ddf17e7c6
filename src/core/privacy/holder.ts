import type { RetentionCutoffs } from './retention.js';

/** The kinds of copies of personal data goldenhour holds, as erasure records and purge logs count them. */
export type CopyKind =
  | 'mention'
  | 'revision'
  | 'journal'
  | 'negativeHighlight'
  | 'authorIndex'
  | 'signalEvidence'
  | 'alertEvidence'
  | 'incidentEvidence'
  | 'notification'
  | 'caseCopy'
  | 'storyCopy'
  | 'storyIndex'
  | 'sentimentLabel'
  | 'incidentNote'
  | 'mentionKey'
  | 'erasedTombstone'
  /** Not a person's data: source counts of a day, purged with the mentions they count. */
  | 'sourceCount'
  | 'audit';

export type KindCounts = Partial<Record<CopyKind, number>>;

/** A subject's mentions as the author index found them, and what free-text copies of them look like. */
export interface SubjectMentions {
  /** Mention keys (`platform:externalId`) with the day partition of each. */
  mentions: { key: string; day: string }[];
  /** Author and link hashes that file them in the author index. */
  hashes: string[];
  /** The texts and links of those mentions as notification bodies may quote them (see needlesOf). */
  needles: string[];
  /** The person's handle and display names as staff may write them in notes (see nameForms). */
  names: string[];
}

/** One copy of a subject's data: where it is and what it holds (for an access request). */
export interface HeldCopy {
  kind: CopyKind;
  /** Collection and document id. */
  where: string;
  data: unknown;
}

/**
 * A feature that keeps copies of people's mentions. Erasure runs the holders in order, each idempotent,
 * so an erasure killed half-way finishes when run again; the purge job asks each for what is due.
 */
export interface PersonalDataHolder {
  readonly name: string;
  find(s: SubjectMentions): Promise<HeldCopy[]>;
  erase(s: SubjectMentions): Promise<void>;
  /** Removes what is past retention, `batch` documents a step; returns counts by kind. */
  purge(c: RetentionCutoffs, batch: number, pause: () => Promise<void>): Promise<KindCounts>;
}

export function addCounts(into: KindCounts, from: KindCounts): KindCounts {
  for (const [k, n] of Object.entries(from) as [CopyKind, number][]) if (n) into[k] = (into[k] ?? 0) + n;
  return into;
}

export function countCopies(copies: readonly HeldCopy[]): KindCounts {
  const out: KindCounts = {};
  for (const c of copies) out[c.kind] = (out[c.kind] ?? 0) + 1;
  return out;
}
