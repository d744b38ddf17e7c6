/** The shapes detection hands to escalation (alerts, incidents). */
import type { StoryRef } from '../stories/story.js';
export type SignalKind = 'volume_surge' | 'negative_surge' | 'viral_post' | 'crisis_burst' | 'collection_gap' | 'story_growth';
export type SignalStatus = 'open' | 'closed';

/** What a signal is about beyond its brand. */
export interface SignalScope {
  platform?: string;
  topic?: string;
  /** For viral posts: the mention's platform:externalId. */
  mentionKey?: string;
  /** For story growth: the story's id. */
  story?: string;
}

export interface SignalEvidence {
  /** Observed count in the latest evaluated window, and the baseline expectation. */
  observed?: number;
  expected?: number;
  /** Negative share now and usually, for negative surges. */
  negativeShare?: number;
  baselineNegativeShare?: number;
  /** Reposts/shares gained per hour, for viral posts. */
  growthPerHour?: number;
  crisisTerms?: string[];
  /** Review aspects the evidence mentions are negative about (e.g. "taste", "delivery"). */
  negativeAspects?: string[];
  /** For collection gaps: the blind source and why. */
  source?: string;
  reason?: string;
  /** The posts behind the signal: for a viral post, the post itself; otherwise the most engaging mentions. */
  topMentions?: EvidenceItem[];
  /** The stories behind the signal, largest first (see core/stories). */
  stories?: StoryRef[];
}

/** A mention as evidence lists show it: where, a short text, and likes + shares + comments. */
export interface EvidenceItem {
  platform: string;
  externalId: string;
  url?: string;
  text: string;
  engagement: number;
}

/** The evidence item of a mention's short copy and engagement. */
export function evidenceItemOf(h: { platform: string; externalId: string; url?: string; text: string }, e: { likes: number; shares: number; comments: number }): EvidenceItem {
  return { platform: h.platform, externalId: h.externalId, ...(h.url ? { url: h.url } : {}), text: h.text.slice(0, 280), engagement: e.likes + e.shares + e.comments };
}

/** A surge, viral post or burst as detected: one per ongoing situation, updated while it lasts. */
export interface Signal {
  /** Stable key: one ongoing situation keeps one key (brand|kind|scope|start). */
  key: string;
  brand: string;
  kind: SignalKind;
  scope: SignalScope;
  status: SignalStatus;
  startedAt: Date;
  lastSeenAt: Date;
  endedAt?: Date;
  strength: number;
  peakStrength: number;
  evidence: SignalEvidence;
}
