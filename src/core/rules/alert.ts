/** The shapes rules hand to incidents and notifications. */
import type { StoryRef } from '../stories/story.js';
import type { CauseSummary } from '../detection/cause.js';
import type { EvidenceItem, SignalKind } from '../detection/signal.js';

/** P1 is the most urgent; inhibition and quiet hours compare severities by this order. */
export const SEVERITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Where a notification goes: an email address or one of the webhook formats. */
export const CHANNEL_KINDS = ['email', 'slack', 'feishu', 'dingtalk', 'wecom', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** The evidence an alert shows: the worst mentions across its signals. */
export interface AlertEvidence {
  kinds: SignalKind[];
  crisisTerms: string[];
  topMentions: EvidenceItem[];
  /** The stories behind its signals, largest first. */
  stories?: StoryRef[];
  /** Why it fired: what changed against the brand's last 7 days (set when it is notified). */
  cause?: CauseSummary;
}

/** Why an alert became due at this moment. */
export type AlertDueReason = 'new' | 'update' | 'repeat';

/**
 * One alert per situation: the signals a rule grouped under one group key while the group stayed open.
 * `key` is stable for that episode (group key + the time the group opened), so a restart or a replay
 * re-derives the same key and never doubles the alert.
 */
export interface Alert {
  key: string;
  /** ruleId plus the rule's group_by values, e.g. `crisis-negative-surge|brand=acme`. */
  groupKey: string;
  brand: string;
  severity: Severity;
  title: string;
  summary: string;
  ruleId: string;
  /** Team ids from the rule's routing (teams are configuration). */
  teams: string[];
  /** Channel kinds the rule notifies on; each team says where that kind goes. */
  channels: ChannelKind[];
  /** The SLA policy name the incident opened for this alert follows (default `one-hour`). */
  slaPolicy: string;
  signalKeys: string[];
  createdAt: Date;
  lastNotifiedAt: Date;
  /** True when the rule asks for a human response: the incidents side opens or joins an incident. */
  needsResponse: boolean;
  /** Why it is due now: first notification, new signals joined, or the repeat interval passed. */
  reason: AlertDueReason;
  /** How many notifications this alert has produced, this one included. */
  notifyCount: number;
  evidence: AlertEvidence;
  /** Set once the group closed (all its signals ended); a later surge is a new alert. */
  endedAt?: Date;
}
