import { ConflictException, ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { milestonesReached, transition, type IncidentAction } from '../core/incidents/state-machine.js';
import { pauseClock, resumeClock, SlaPauseNotAllowed } from '../core/sla/clock.js';
import type { CurrentUserInfo } from '../platform/auth/roles.decorator.js';
import { Clock } from '../platform/clock.js';
import type { AuditEntry, Incident } from './incident.js';
import { IncidentEventsService } from './incident-events.service.js';
import { IncidentNotifier } from './incident-notifier.js';
import { IncidentsRepository } from './incidents.repository.js';
import { SlaPoliciesService } from './sla-policies.service.js';

/** The input each action takes (validated at the API edge). */
export type ActionInput =
  | { action: 'acknowledge' }
  | { action: 'assign'; owner: string; team?: string }
  | { action: 'respond'; url: string; text: string }
  | { action: 'mitigate'; text: string }
  | { action: 'resolve'; text?: string }
  | { action: 'reopen'; reason?: string }
  | { action: 'note'; text: string };

/**
 * The incident transitions people make: acknowledge, assign, record the public response, record the
 * initial solution, resolve, reopen, add a note. Each checks role and state through the core state
 * machine, stamps the milestones the SLA clock reads, and writes an audit entry.
 */
@Injectable()
export class IncidentActionsService {
  private readonly logger = new Logger(IncidentActionsService.name);

  constructor(
    private readonly repo: IncidentsRepository,
    private readonly policies: SlaPoliciesService,
    private readonly events: IncidentEventsService,
    private readonly notifier: IncidentNotifier,
    private readonly clock: Clock,
  ) {}

  async apply(id: string, input: ActionInput, user: CurrentUserInfo): Promise<Incident> {
    const incident = await this.get(id);
    const t = transition(incident.state, input.action, user.role);
    if (!t.ok) throw t.reason === 'forbidden' ? new ForbiddenException(t.message) : new ConflictException(t.message);
    const now = this.clock.now();
    const set: Record<string, unknown> = { state: t.to, updatedAt: now };
    for (const m of milestonesReached(incident.state, t.to)) if (!incident.milestones[m]) set[`milestones.${m}`] = now;
    Object.assign(set, this.details(incident, input, user, now));
    const audit: AuditEntry = { at: now, by: user.name, action: input.action, from: incident.state, to: t.to, detail: describe(input) };
    const updated = await this.repo.update(id, incident.state, {
      set,
      audit,
      ...(input.action === 'reopen' ? { unset: ['milestones.resolved'] } : {}),
      ...(input.action === 'note' ? { note: { at: now, by: user.name, text: input.text } } : {}),
    });
    if (!updated) throw new ConflictException(`incident ${id} changed while you were acting on it; reload it and try again`);
    this.announce(incident, updated, input.action, user.name);
    if (input.action === 'resolve') {
      await this.notifier.notifyResolved(updated, user.name, input.text).catch((err: Error) =>
        this.logger.error({ event: 'resolved_notice_failed', incident: id, error: err.message }),
      );
    }
    return updated;
  }

  /** Pauses or resumes the SLA clock, where the incident's policy allows pausing. */
  async setPaused(id: string, paused: boolean, user: CurrentUserInfo): Promise<Incident> {
    const incident = await this.get(id);
    if (user.role === 'viewer') throw new ForbiddenException('viewers cannot pause SLA clocks; ask an admin for a responder token');
    const now = this.clock.now();
    let sla;
    try {
      sla = paused ? pauseClock(this.policies.get(incident.sla.policyId), incident.sla, now) : resumeClock(incident.sla, now);
    } catch (err) {
      if (err instanceof SlaPauseNotAllowed) throw new ConflictException(err.message);
      throw err;
    }
    const action = paused ? 'pause' : 'resume';
    const updated = await this.repo.update(id, incident.state, {
      set: { sla, updatedAt: now },
      audit: { at: now, by: user.name, action, detail: `SLA clock ${paused ? 'paused' : 'resumed'}` },
    });
    if (!updated) throw new ConflictException(`incident ${id} changed while you were acting on it; reload it and try again`);
    this.announce(incident, updated, action, user.name);
    return updated;
  }

  async get(id: string): Promise<Incident> {
    const incident = await this.repo.get(id);
    if (!incident) throw new NotFoundException(`no incident "${id}"`);
    return incident;
  }

  private details(incident: Incident, input: ActionInput, user: CurrentUserInfo, now: Date): Record<string, unknown> {
    switch (input.action) {
      case 'acknowledge':
        return incident.owner ? {} : { owner: user.name };
      case 'assign':
        return { owner: input.owner, ...(input.team ? { team: input.team } : {}) };
      case 'respond':
        return { response: { url: input.url, text: input.text, at: now, by: user.name }, ...(incident.owner ? {} : { owner: user.name }) };
      case 'mitigate':
        return { solution: { text: input.text, at: now, by: user.name } };
      default:
        return {};
    }
  }

  private announce(before: Incident, after: Incident, action: IncidentAction | 'pause' | 'resume', by: string): void {
    const changed = before.state !== after.state;
    this.logger.log({ event: 'incident_action', incident: after._id, brand: after.brand, action, from: before.state, to: after.state, by });
    this.events.emit({
      type: changed ? 'incident_state' : 'incident_updated', brand: after.brand, severity: after.severity, incident: after._id,
      action, ...(changed ? { from: before.state, to: after.state } : {}), by,
    });
  }
}

function describe(input: ActionInput): string | undefined {
  switch (input.action) {
    case 'assign':
      return `owner ${input.owner}${input.team ? `, team ${input.team}` : ''}`;
    case 'respond':
      return input.url;
    case 'resolve':
      return input.text;
    case 'reopen':
      return input.reason;
    default:
      return undefined;
  }
}
