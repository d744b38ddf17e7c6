/** What a group remembers between evaluations (persisted by the alerts repository). */
import type { SignalKind, SignalStatus } from '../detection/signal.js';
import type { AlertEvidence } from './alert.js';
import type { GroupLabels } from './group-key.js';

/** The part of a signal an alert needs, as last seen. */
export interface GroupSignal {
  key: string;
  kind: SignalKind;
  status: SignalStatus;
  startedAt: Date;
  lastSeenAt: Date;
  strength: number;
  platform?: string;
  topic?: string;
  observed?: number;
  expected?: number;
  negativeShare?: number;
  growthPerHour?: number;
  crisisTerms: string[];
  topMentions: AlertEvidence['topMentions'];
  stories?: AlertEvidence['stories'];
}

export interface GroupState {
  groupKey: string;
  ruleId: string;
  brand: string;
  labels: GroupLabels;
  /** `groupKey@openedAt`: the alert key for this episode of the group. */
  alertKey: string;
  openedAt: Date;
  signals: GroupSignal[];
  /** Signal keys (and their status) as of the last notification, to tell an update from a repeat. */
  notifiedSignals: string[];
  lastNotifiedAt?: Date;
  notifyCount: number;
  /** The next moment the group may notify: openedAt + group_wait, then every group_interval. */
  nextFlushAt: Date;
  closedAt?: Date;
}
