import type { Contribution } from '../core/mention/contribution.js';
import type { Engagement } from '../core/mention/mention-input.js';
import type { AspectPolarity } from '../core/sentiment/aspects.js';
import type { CrisisHit, Polarity } from '../core/sentiment/types.js';

/** A stored mention as services see it (a plain object, never a mongoose document). */
export interface StoredMention {
  _id: string;
  brand: string;
  platform: string;
  externalId: string;
  source?: string;
  url?: string;
  author?: { name?: string; hash?: string; handle?: string; followers?: number };
  title?: string;
  text: string;
  lang?: string;
  publishedAt: Date;
  firstSeenAt: Date;
  lastSeenAt: Date;
  engagement: Engagement;
  rating?: number;
  ratingScale?: number;
  /** `corrected` when a person set it (re-analysis then leaves it alone until the correction is undone). */
  sentiment: { score: number; label: Polarity; corrected?: { by: string; at: Date } };
  crisis: CrisisHit[];
  keywords: string[];
  /** The review aspects the text talks about (rules/aspects.yaml), each with its own polarity; absent when none. */
  aspects?: AspectPolarity[];
  extra?: Record<string, unknown>;
  counted: Contribution;
  rev: number;
}

/** Engagement as observed at one time (read from the journal). */
export type { Observation as EngagementSnapshot } from '../core/mention/journal.js';

export function mentionKey(platform: string, externalId: string): string {
  return `${platform}:${externalId}`;
}
