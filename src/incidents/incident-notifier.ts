import { Injectable, Logger } from '@nestjs/common';
import type { Alert } from '../core/rules/alert.js';
import { destinationsFor, teamContacts, type Destination, type RoutingTeam } from '../core/rules/routing.js';
import type { SlaStep } from '../core/sla/policy.js';
import { alertNotice, formatTime, type Notice } from '../alerts/channels/notice.js';
import { emailHtml, emailSubject, emailText } from '../alerts/channels/email-format.js';
import { webhookPayload } from '../alerts/channels/webhook-format.js';
import { OutboxService } from '../alerts/outbox.service.js';
import { AppConfig } from '../platform/config/app-config.js';
import type { Incident } from './incident.js';
import { IncidentEventsService } from './incident-events.service.js';

/**
 * Turns alerts and escalation steps into outbox rows, one per destination. Every row has an
 * idempotency key derived from what it is about, so enqueueing again after a crash adds nothing.
 */
@Injectable()
export class IncidentNotifier {
  private readonly logger = new Logger(IncidentNotifier.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly events: IncidentEventsService,
  ) {}

  /** Notifies an alert's routed destinations, pointing at the incident it opened or joined. */
  async notifyAlert(alert: Alert, incident: Incident | null): Promise<void> {
    const { destinations, unknownTeams } = destinationsFor(alert, this.teams());
    if (unknownTeams.length) this.logger.warn({ event: 'alert_unknown_teams', alert: alert.key, teams: unknownTeams });
    const notice = alertNotice(alert, {
      publicUrl: this.config.publicUrl,
      incidentId: incident?._id,
      ackUrl: incident ? this.incidentUrl(incident) : undefined,
      respondBy: incident?.sla.respondDueAt,
      solveBy: incident?.sla.solveDueAt,
    });
    const key = `alert|${alert.key}|${alert.notifyCount}`;
    await this.send(notice, destinations, key, { alertId: alert.key, incidentId: incident?._id });
  }

  /** Sends an escalation step's notice to the people the step names. */
  async notifyStep(incident: Incident, step: SlaStep, dueAt: Date): Promise<Destination[]> {
    const destinations = this.recipients(incident, step.notify);
    const notice = this.stepNotice(incident, step, dueAt);
    await this.send(notice, destinations, `step|${incident._id}|${step.id}`, { incidentId: incident._id });
    return destinations;
  }

  incidentUrl(incident: Pick<Incident, '_id'>): string {
    return `${this.config.publicUrl.replace(/\/+$/, '')}/board?incident=${encodeURIComponent(incident._id)}`;
  }

  private async send(notice: Notice, destinations: Destination[], key: string, ids: { alertId?: string; incidentId?: string }): Promise<void> {
    for (const d of destinations) {
      const base = { channel: d.channel, to: d.to, idempotencyKey: `${key}|${d.channel}|${d.to}`, ...ids };
      const item =
        d.channel === 'email'
          ? { ...base, subject: emailSubject(notice), text: emailText(notice), html: emailHtml(notice) }
          : { ...base, payload: webhookPayload(d.channel, notice) };
      const { created } = await this.outbox.enqueue(item);
      if (created) {
        this.events.emit({
          type: 'notification', brand: notice.brand, severity: notice.severity, incident: ids.incidentId,
          kind: notice.kind, channel: d.channel, to: d.to, team: d.team,
        });
      }
    }
  }

  /** Who a step names: a role in the incident's team (any team as a fallback), else the team's channels. */
  private recipients(incident: Incident, target: SlaStep['notify']): Destination[] {
    const teams = this.teams();
    const own = teams.filter((t) => incident.teams.includes(t.id));
    const teamWide = destinationsFor({ teams: incident.teams, channels: incident.channels }, teams).destinations;
    const people = (list: { team: string; name: string; email?: string }[]): Destination[] =>
      list.flatMap((p) => (p.email ? [{ team: p.team, channel: 'email' as const, to: p.email }] : []));
    const byRole = (role: 'lead' | 'executive', from: RoutingTeam[]) =>
      people(from.flatMap((t) => teamContacts(t, role).map((c) => ({ ...c, team: t.id }))));
    let found: Destination[] = [];
    if (target === 'owner' && incident.owner) {
      found = people(teams.flatMap((t) => t.members.filter((m) => m.name === incident.owner).map((m) => ({ ...m, team: t.id }))));
    } else if (target === 'team-lead') found = byRole('lead', own);
    else if (target === 'executive') found = byRole('executive', own).length ? byRole('executive', own) : byRole('executive', teams);
    return found.length ? dedupe(found) : teamWide;
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

  private teams(): RoutingTeam[] {
    return this.config.teams;
  }
}

function dedupe(list: Destination[]): Destination[] {
  const seen = new Set<string>();
  return list.filter((d) => !seen.has(`${d.channel} ${d.to}`) && seen.add(`${d.channel} ${d.to}`));
}
