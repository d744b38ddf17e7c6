import type { IncidentAction, IncidentState } from '../core/incidents/state-machine.js';
import type { IncidentOpening } from '../core/incidents/incident-identity.js';

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

/**
 * The record the response board shows; `_id` is the incident key (stable: derived from the alert that opened it).
 * What it holds when it opens is core/incidents/incident-identity.ts `IncidentOpening`; the rest comes later.
 */
export interface Incident extends Omit<IncidentOpening, 'state' | 'notes' | 'audit'> {
  owner?: string;
  state: IncidentState;
  /** The first public response; `official` when it was the brand's own post, matched at ingest. */
  response?: { url: string; text: string; at: Date; by: string; official?: OfficialMatch };
  /** Official posts a responder said were not the response (never matched again). */
  rejectedResponses?: string[];
  solution?: { text: string; at: Date; by: string };
  notes: IncidentNote[];
  audit: AuditEntry[];
}
