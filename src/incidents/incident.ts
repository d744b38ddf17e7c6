import type { AlertEvidence, ChannelKind, Severity } from '../core/rules/alert.js';
import type { IncidentAction, IncidentState } from '../core/incidents/state-machine.js';
import type { Milestones, SlaClock } from '../core/sla/clock.js';

/** One entry of the audit trail: who did what, when. */
export interface AuditEntry {
  at: Date;
  by: string;
  action: IncidentAction | 'open' | 'join' | 'escalate' | 'breach' | 'pause' | 'resume' | 'undo-response';
  from?: IncidentState;
  to?: IncidentState;
  detail?: string;
}

export interface IncidentNote {
  at: Date;
  by: string;
  text: string;
}

/** How an official post became the response: what to restore when a responder undoes it. */
export interface OfficialMatch {
  account: string;
  mention: string;
  via: 'story' | 'thread';
  /** The state before, and the milestones the match stamped. */
  from: IncidentState;
  stamped: string[];
}

/** The record the response board shows; `_id` is the incident key (stable: derived from the alert that opened it). */
export interface Incident {
  _id: string;
  groupKey: string;
  /** The largest story behind the alert that opened it: later alerts about the same story join this incident. */
  story?: string;
  brand: string;
  severity: Severity;
  title: string;
  summary: string;
  ruleId: string;
  /** The team that owns it (the rule's first team); others routed are in `teams`. */
  team?: string;
  teams: string[];
  /** Channel kinds the alert rule notifies on; escalation notices use the same. */
  channels: ChannelKind[];
  owner?: string;
  state: IncidentState;
  alertKeys: string[];
  signalKeys: string[];
  evidence: AlertEvidence;
  /** The first public response; `official` when it was the brand's own post, matched at ingest. */
  response?: { url: string; text: string; at: Date; by: string; official?: OfficialMatch };
  /** Official posts a responder said were not the response (never matched again). */
  rejectedResponses?: string[];
  solution?: { text: string; at: Date; by: string };
  notes: IncidentNote[];
  audit: AuditEntry[];
  openedAt: Date;
  milestones: Milestones;
  sla: SlaClock;
  updatedAt: Date;
}
