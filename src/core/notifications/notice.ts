/** The content of one notification, independent of channel: alerts and escalation notices both become a Notice. */
import type { CauseSummary } from '../detection/cause.js';
import { causeLines } from '../detection/cause-text.js';
import type { Alert, Severity } from '../rules/alert.js';

export interface NoticeLink {
  label: string;
  url: string;
}

export interface Notice {
  /** What kind of notice: "alert", "escalation", "sla_breach", … (shown in subjects and webhook payloads). */
  kind: string;
  severity: Severity;
  brand: string;
  title: string;
  /** Plain text, one idea a line. */
  summary: string;
  /** Short label/value facts: SLA due time, rule, signals. */
  facts: { label: string; value: string }[];
  /** Why it fired, one fact a line, in English then in Chinese (see core/detection/cause-text.ts). */
  why?: string[];
  /** The mentions behind it, with links where known. */
  evidence: { text: string; platform: string; engagement: number; url?: string }[];
  /** Buttons/links: acknowledge first. */
  actions: NoticeLink[];
  /** Machine-readable details for the generic webhook. */
  data?: Record<string, unknown>;
}

/** What the incidents side knows about an alert when it is notified. */
export interface AlertNoticeContext {
  publicUrl: string;
  incidentId?: string;
  /** Where "Acknowledge" leads; defaults to the response board filtered to the alert. */
  ackUrl?: string;
  /** First-public-response deadline. */
  respondBy?: Date;
  solveBy?: Date;
  /** Why it fired (computed when the alert fell due). */
  cause?: CauseSummary;
}

/** "2026-03-02 10:30 UTC": unambiguous for readers in any time zone. */
export const formatTime = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const REASON_WORDS: Record<Alert['reason'], string> = { new: 'new', update: 'updated', repeat: 'still unresolved' };

/** The notice for an alert notification: what happened, evidence, SLA due time and the acknowledge link. */
export function alertNotice(alert: Alert, ctx: AlertNoticeContext): Notice {
  const cause = ctx.cause ?? alert.evidence.cause;
  const base = ctx.publicUrl.replace(/\/+$/, '');
  // The web app routes by hash: #/incident/ID opens the incident with its acknowledge button; sign-in keeps the route.
  const ackUrl = ctx.ackUrl ?? `${base}/#/board?brand=${encodeURIComponent(alert.brand)}`;
  const facts = [
    { label: 'Status', value: `${REASON_WORDS[alert.reason]} (notification ${alert.notifyCount})` },
    { label: 'Brand', value: alert.brand },
    { label: 'First seen', value: formatTime(alert.createdAt) },
    ...(ctx.respondBy ? [{ label: 'Public response due', value: `${formatTime(ctx.respondBy)} (SLA policy ${alert.slaPolicy})` }] : [{ label: 'SLA policy', value: alert.slaPolicy }]),
    ...(ctx.solveBy ? [{ label: 'Initial solution due', value: formatTime(ctx.solveBy) }] : []),
    { label: 'Rule', value: alert.ruleId },
    { label: 'Signals', value: String(alert.signalKeys.length) },
  ];
  return {
    kind: 'alert',
    severity: alert.severity,
    brand: alert.brand,
    title: alert.title,
    summary: alert.summary,
    facts,
    ...(cause ? { why: [...causeLines(cause, 'en'), '', ...causeLines(cause, 'zh')] } : {}),
    evidence: alert.evidence.topMentions.map((m) => ({ text: m.text, platform: m.platform, engagement: m.engagement, url: m.url })),
    actions: [
      { label: 'Acknowledge', url: ackUrl },
      { label: 'Open dashboard', url: `${base}/#/dashboard?brand=${encodeURIComponent(alert.brand)}` },
    ],
    data: {
      alertKey: alert.key,
      groupKey: alert.groupKey,
      ruleId: alert.ruleId,
      reason: alert.reason,
      notifyCount: alert.notifyCount,
      signalKeys: alert.signalKeys,
      slaPolicy: alert.slaPolicy,
      respondBy: ctx.respondBy?.toISOString(),
      incidentId: ctx.incidentId,
      crisisTerms: alert.evidence.crisisTerms,
      ...(cause ? { cause } : {}),
    },
  };
}
