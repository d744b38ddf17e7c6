/**
 * Who an incident is: its key, derived from the alert that opened it (so a replayed alert finds the same
 * incident again), what it holds when it opens, and the severity it takes when another alert joins it.
 */
import { createHash } from 'node:crypto';
import { SEVERITIES, type Alert, type AlertEvidence, type ChannelKind, type Severity } from '../rules/alert.js';
import type { SlaPolicy } from '../sla/policy.js';
import { startClock, type Milestones, type SlaClock } from '../sla/clock.js';

/** The actor the daemon writes into audit trails for what it did by itself. */
export const SYSTEM_ACTOR = 'goldenhour';

/**
 * Incident key `brand-YYYYMMDDHHmm-hash`: readable (brand, the alert's minute, which also names the month
 * partition, see incident-months.ts) and stable for the alert that opened it.
 */
export function incidentId(alert: Pick<Alert, 'key' | 'brand' | 'createdAt'>): string {
  const minute = alert.createdAt.toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const hash = createHash('sha256').update(alert.key).digest('hex').slice(0, 6);
  return `${alert.brand}-${minute}-${hash}`;
}

/** An incident as it opens: the fields the stored incident starts with. */
export interface IncidentOpening {
  _id: string;
  groupKey: string;
  /** The story the opening alert is about (core/stories/story-about.ts): later alerts about it join this incident. */
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
  state: 'open';
  alertKeys: string[];
  signalKeys: string[];
  evidence: AlertEvidence;
  notes: never[];
  audit: { at: Date; by: string; action: 'open'; to: 'open'; detail: string }[];
  openedAt: Date;
  milestones: Milestones;
  sla: SlaClock;
  updatedAt: Date;
}

/**
 * The story an incident claims: the largest story behind its alert. Wider than the story a rule groups by
 * (core/stories/story-about.ts, which names a story only when it stands out): a brand's crisis surge whose
 * stories are close in size still claims its largest, so the viral-post alert about that post that follows
 * joins the same incident instead of opening a second one for one crisis.
 */
export function incidentStory(evidence: Pick<AlertEvidence, 'stories'>): string | undefined {
  return evidence.stories?.[0]?.id;
}

/**
 * The incident an alert opens at `now`: owned by the rule's first team, about the story the alert is about
 * (later alerts about that story join it), with its SLA clock started at `now` under `policy`.
 */
export function newIncident(alert: Alert, now: Date, policy: SlaPolicy): IncidentOpening {
  const story = incidentStory(alert.evidence);
  return {
    _id: incidentId(alert),
    groupKey: alert.groupKey,
    ...(story ? { story } : {}),
    brand: alert.brand,
    severity: alert.severity,
    title: alert.title,
    summary: alert.summary,
    ruleId: alert.ruleId,
    team: alert.teams[0],
    teams: alert.teams,
    channels: alert.channels,
    state: 'open',
    alertKeys: [alert.key],
    signalKeys: alert.signalKeys,
    evidence: alert.evidence,
    notes: [],
    audit: [{ at: now, by: SYSTEM_ACTOR, action: 'open', to: 'open', detail: `alert ${alert.key} (rule ${alert.ruleId})` }],
    openedAt: now,
    milestones: {},
    sla: startClock(policy, now),
    updatedAt: now,
  };
}

/** A joining alert can raise an incident's severity, never lower it. */
export function severityAfterJoin(incident: Severity, alert: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(incident), SEVERITIES.indexOf(alert))]!;
}
