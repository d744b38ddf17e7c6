import { Injectable } from '@nestjs/common';
import { teamContacts, type Destination, type RoutingTeam } from '../core/rules/routing.js';
import type { SlaStep } from '../core/sla/policy.js';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- exception until notifications are their own module (issue 18 step 3)
import { formatTime, type Notice } from '../alerts/channels/notice.js';
import { NotificationsService } from '../alerts/notifications.service.js';
import { AppConfig } from '../platform/config/app-config.js';
import type { Incident } from './incident.js';

/**
 * Escalation notices: who a step names, what they read, and the outbox rows (through the alerts side's
 * NotificationsService). The idempotency key is incident + step, so enqueueing again after a crash adds nothing.
 */
@Injectable()
export class IncidentNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  /** Sends an escalation step's notice to the people the step names; returns where it went. */
  async notifyStep(incident: Incident, step: SlaStep, dueAt: Date): Promise<Destination[]> {
    const destinations = this.recipients(incident, step.notify);
    await this.notifications.send(this.stepNotice(incident, step, dueAt), destinations, {
      idempotencyKey: `step|${incident._id}|${step.id}`,
      incidentId: incident._id,
    });
    return destinations;
  }

  /**
   * Tells the people the incident's alerts went to that it was resolved, so nobody keeps working on it.
   * One notice per resolution (a reopened and resolved-again incident sends another).
   */
  async notifyResolved(incident: Incident, by: string, text?: string): Promise<number> {
    const resolutions = incident.audit.filter((a) => a.action === 'resolve').length;
    const notice: Notice = {
      kind: 'resolved',
      severity: incident.severity,
      brand: incident.brand,
      title: `[${incident.severity}] Resolved: ${incident.title}`,
      summary: `${by} resolved this incident${text ? `: ${text}` : '.'}\nNo further reminders will be sent unless it is reopened.`,
      facts: [
        { label: 'Incident', value: incident._id },
        { label: 'State', value: 'resolved' },
        { label: 'Opened', value: formatTime(incident.openedAt) },
        { label: 'Resolved', value: formatTime(incident.milestones.resolved ?? incident.updatedAt) },
      ],
      evidence: [],
      actions: [{ label: 'Open incident', url: this.incidentUrl(incident) }],
      data: { incidentId: incident._id, state: 'resolved', by },
    };
    return this.notifications.send(notice, this.notifications.destinations(incident.teams, incident.channels), {
      idempotencyKey: `resolved|${incident._id}|${resolutions}`,
      incidentId: incident._id,
    });
  }

  incidentUrl(incident: Pick<Incident, '_id'>): string {
    return `${this.config.publicUrl.replace(/\/+$/, '')}/#/incident/${encodeURIComponent(incident._id)}`;
  }

  /** Who a step names: the owner, or a role in the incident's team (any team for executives); else the team's channels. */
  private recipients(incident: Incident, target: SlaStep['notify']): Destination[] {
    const teams: RoutingTeam[] = this.config.teams;
    // An alert routed to no team in particular goes to every team (as alert routing does).
    const own = incident.teams.length ? teams.filter((t) => incident.teams.includes(t.id)) : teams;
    const email = (team: string, p: { email?: string }): Destination[] => (p.email ? [{ team, channel: 'email', to: p.email }] : []);
    const byRole = (role: 'lead' | 'executive', from: RoutingTeam[]) => from.flatMap((t) => teamContacts(t, role).flatMap((c) => email(t.id, c)));
    let found: Destination[] = [];
    if (target === 'owner' && incident.owner) {
      found = teams.flatMap((t) => t.members.filter((m) => m.name === incident.owner).flatMap((m) => email(t.id, m)));
    } else if (target === 'team-lead') found = byRole('lead', own);
    else if (target === 'executive') found = byRole('executive', own).length ? byRole('executive', own) : byRole('executive', teams);
    return found.length ? dedupe(found) : this.notifications.destinations(incident.teams, incident.channels);
  }

  private stepNotice(incident: Incident, step: SlaStep, dueAt: Date): Notice {
    const why = step.on
      ? `The ${step.on === 'response-breach' ? 'first public response' : 'initial solution'} deadline (${formatTime(dueAt)}) was missed.`
      : `${step.afterMinutes} minutes since the incident opened; it is ${incident.state}${incident.owner ? `, owner ${incident.owner}` : ', without an owner'}.`;
    return {
      kind: step.on ? 'sla_breach' : 'escalation',
      severity: incident.severity,
      brand: incident.brand,
      title: `[${incident.severity}] ${step.on ? 'SLA breached' : 'Escalation'}: ${incident.title}`,
      summary: `${why}\n${incident.summary}`,
      facts: [
        { label: 'Incident', value: incident._id },
        { label: 'State', value: incident.state },
        { label: 'Public response due', value: formatTime(incident.sla.respondDueAt) },
        { label: 'Initial solution due', value: formatTime(incident.sla.solveDueAt) },
        { label: 'Escalation step', value: `${step.id} → ${step.notify}` },
      ],
      evidence: incident.evidence.topMentions.map((m) => ({ text: m.text, platform: m.platform, engagement: m.engagement, url: m.url })),
      actions: [{ label: 'Acknowledge', url: this.incidentUrl(incident) }],
      data: { incidentId: incident._id, step: step.id, notify: step.notify, dueAt: dueAt.toISOString() },
    };
  }
}

function dedupe(list: Destination[]): Destination[] {
  const seen = new Set<string>();
  return list.filter((d) => !seen.has(`${d.channel} ${d.to}`) && seen.add(`${d.channel} ${d.to}`));
}
