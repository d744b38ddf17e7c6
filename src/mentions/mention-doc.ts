import type { Engagement, MentionInput } from '../core/mention/mention-input.js';
import { derivedContribution } from '../core/mention/stored-form.js';
import { authorHash } from '../core/privacy/subject.js';
import { withCorrectedAspects, type AspectPolarity } from '../core/sentiment/aspects.js';
import type { Analysis } from '../core/sentiment/types.js';
import { mentionKey, type StoredMention } from './mention.js';

const ZERO = { likes: 0, shares: 0, comments: 0, views: 0 };

/** A validated, analysed mention about to be stored. */
export interface AnalysedMention {
  input: MentionInput;
  brand: string;
  analysis: Analysis;
  aspects: AspectPolarity[];
  observedAt: Date;
}

/**
 * The document a mention is stored as: the input with its analysis, the author's handle hashed (kept only
 * with `storeAuthorHandles`), a person's sentiment and aspect corrections kept from the stored copy `old`,
 * and what it counts in the counters. `current` is its engagement when known (a re-sighting).
 */
export function mentionDoc(p: AnalysedMention, old: StoredMention | undefined, current: Engagement | undefined, storeAuthorHandles: boolean): StoredMention {
  const { input, analysis } = p;
  const engagement = current ?? { ...ZERO, ...(old?.engagement ?? {}), ...(input.engagement ?? {}) };
  const author = input.author
    ? {
        name: input.author.name,
        hash: authorHash(input.platform, input.author.handle ?? input.author.name ?? ''),
        ...(storeAuthorHandles && input.author.handle ? { handle: input.author.handle } : {}),
        ...(input.author.followers !== undefined ? { followers: input.author.followers } : {}),
      }
    : old?.author;
  // A person's correction outlives re-sightings (until it is undone).
  const sentiment = old?.sentiment.corrected ? old.sentiment : { score: analysis.score, label: analysis.label };
  const aspects = withCorrectedAspects(p.aspects, old?.aspects);
  const fields = {
    _id: mentionKey(input.platform, input.externalId),
    brand: p.brand,
    platform: input.platform,
    externalId: input.externalId,
    ...(input.source ? { source: input.source } : {}),
    ...(input.url ? { url: input.url } : {}),
    ...(author ? { author: stripUndefined(author) } : {}),
    ...(input.title ? { title: input.title } : {}),
    text: input.text,
    lang: analysis.lang,
    publishedAt: input.publishedAt,
    firstSeenAt: old?.firstSeenAt ?? p.observedAt,
    lastSeenAt: old && old.lastSeenAt > p.observedAt ? old.lastSeenAt : p.observedAt,
    engagement,
    ...(input.rating !== undefined ? { rating: input.rating } : {}),
    ...(input.ratingScale !== undefined ? { ratingScale: input.ratingScale } : {}),
    sentiment,
    crisis: analysis.crisis,
    keywords: analysis.keywords,
    ...(aspects.length ? { aspects } : {}),
    ...(input.extra ? { extra: input.extra } : {}),
  };
  // Counted as its own fields say: the one derivation a read of a document stored without `counted` uses too.
  return { ...fields, counted: derivedContribution(fields), rev: old ? old.rev + 1 : 1 };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
