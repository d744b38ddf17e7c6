/** The shapes detection hands to escalation (alerts, incidents). */
export type SignalKind = 'volume_surge' | 'negative_surge' | 'viral_post' | 'crisis_burst' | 'collection_gap';
export type SignalStatus = 'open' | 'closed';

/** What a signal is about beyond its brand. */
export interface SignalScope {
  platform?: string;
  topic?: string;
  /** For viral posts: the mention's platform:externalId. */
  mentionKey?: string;
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
  /** For collection gaps: the blind source and why. */
  source?: string;
  reason?: string;
  topMentions?: { platform: string; externalId: string; url?: string; text: string; engagement: number }[];
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
