import { Injectable, Logger } from '@nestjs/common';
import type { CauseSummary } from '../core/detection/cause.js';
import type { Signal } from '../core/detection/signal.js';
import { incidentStory, newIncident, severityAfterJoin, SYSTEM_ACTOR as SYSTEM } from '../core/incidents/incident-identity.js';
import type { Alert } from '../core/rules/alert.js';
import { AlertsService, type AlertContext } from '../alerts/alerts.service.js';
import { CauseSummaries } from '../detection/cause-summaries.service.js';
import { Clock } from '../platform/clock.js';
import { InTurn } from '../platform/in-turn.js';
import { LeaseService } from '../platform/leases/lease.service.js';
import type { Incident } from './incident.js';
import { IncidentEventsService } from './incident-events.service.js';
import { IncidentNotifier } from './incident-notifier.js';
import { IncidentsRepository } from './incidents.repository.js';
import { SlaPoliciesService } from './sla-policies.service.js';

const EVALUATION_LEASE = 'alerts-evaluation';
const LEASE_MS = 30_000;
/** How long a pass waits for another daemon's evaluation to end. */
const WAIT_MS = 10_000;

/**
 * The escalation use case, one way: signals → evaluate the rules (pure, core/rules) → open or join an incident
 * for each due alert that needs a response → notify (the alert's notifications, with the incident's link and
 * SLA due times, written to the outbox) → store the alert groups. The detection job hands it each pass's
 * signals; the alerts timer job hands it none, for groups whose group_wait or repeat interval has passed.
 * Passes run one at a time, also across daemons (the evaluation lease).
 */
@Injectable()
export class EscalationService {
  private readonly logger = new Logger(EscalationService.name);
  /** Passes, one at a time in this process (across daemons, the evaluation lease). */
  private readonly turns = new InTurn();

  constructor(
    private readonly alerts: AlertsService,
    private readonly repo: IncidentsRepository,
    private readonly policies: SlaPoliciesService,
    private readonly notifier: IncidentNotifier,
    private readonly events: IncidentEventsService,
    private readonly clock: Clock,
    private readonly causes: CauseSummaries,
    private readonly leases: LeaseService,
  ) {}

  /** One pass at `now`: returns the alerts that became due (new, updated or repeated). */
  escalate(signals: readonly Signal[], now: Date = this.clock.now()): Promise<Alert[]> {
    return this.turns.run(() => this.leases.exclusive(EVALUATION_LEASE, LEASE_MS, WAIT_MS, () => this.execute(signals, now)));
  }

  private async execute(signals: readonly Signal[], now: Date): Promise<Alert[]> {
    const pass = await this.alerts.evaluate(signals, now);
    const contexts = pass.due.length ? await this.openOrJoinAll(pass.due, now) : new Map<string, AlertContext>();
    await this.alerts.notify(pass, contexts);
    await this.alerts.commit(pass);
    return pass.due;
  }

  /** Incident bookkeeping must not hold notifying back: when it fails, the alerts still go out, without the incident link. */
  private async openOrJoinAll(due: Alert[], now: Date): Promise<Map<string, AlertContext>> {
    try {
      return await this.incidentContexts(due, now);
    } catch (err) {
      this.logger.error({ event: 'alerts_due_handler_failed', alertKeys: due.map((a) => a.key), error: (err as Error).message });
      return new Map();
    }
  }

  /** Opens or joins incidents for due alerts and tells the alerts side what to put in their notifications. */
  private async incidentContexts(due: Alert[], now: Date): Promise<Map<string, AlertContext>> {
    const contexts = new Map<string, AlertContext>();
    for (const dueAlert of due) {
      const cause = await this.causeOf(dueAlert, now);
      // The incident keeps the alert's evidence with its cause; the alerts side stores and mails it from the context.
      const alert = cause ? { ...dueAlert, evidence: { ...dueAlert.evidence, cause } } : dueAlert;
      const found = alert.needsResponse ? await this.openOrJoin(alert, now) : null;
      const incident = found?.incident;
      if (incident?.state === 'resolved' && alert.reason === 'repeat') {
        // Resolution ends repeats (a reopened incident is unresolved again, so its repeats resume).
        contexts.set(alert.key, { incidentId: incident._id, suppress: `incident ${incident._id} is resolved` });
        continue;
      }
      this.events.emit({
        type: 'alert', at: now.toISOString(), brand: alert.brand, severity: alert.severity, incident: incident?._id, story: incidentStory(alert.evidence),
        alert: alert.key, rule: alert.ruleId, reason: alert.reason, signals: alert.signalKeys.length, title: alert.title,
      });
      if (cause) contexts.set(alert.key, { cause });
      if (!incident) continue;
      if (found.opened) {
        this.events.emit({ type: 'incident_state', at: now.toISOString(), brand: incident.brand, severity: incident.severity, incident: incident._id, from: null, to: 'open', by: SYSTEM });
      } else if (found.joined) {
        this.events.emit({ type: 'incident_updated', at: now.toISOString(), brand: incident.brand, severity: incident.severity, incident: incident._id, alert: alert.key });
      }
      contexts.set(alert.key, {
        ...(cause ? { cause } : {}),
        incidentId: incident._id,
        ackUrl: this.notifier.incidentUrl(incident),
        respondBy: incident.sla.respondDueAt,
        solveBy: incident.sla.solveDueAt,
      });
    }
    return contexts;
  }

  /** The alert's cause summary; an alert still goes out without one when the counters cannot be read. */
  private async causeOf(alert: Alert, now: Date): Promise<CauseSummary | undefined> {
    try {
      return await this.causes.of(alert, now);
    } catch (err) {
      this.logger.error({ event: 'cause_summary_failed', alert: alert.key, error: (err as Error).message });
      return undefined;
    }
  }

  /**
   * Joins the unresolved incident of the alert's group, or of its largest story (`incidentStory`: one incident
   * per story, whichever rules its signals went through), or opens one with a fresh SLA clock.
   */
  private async openOrJoin(alert: Alert, now: Date): Promise<{ incident: Incident; opened: boolean; joined: boolean }> {
    const story = incidentStory(alert.evidence);
    const existing = (await this.repo.findUnresolvedByGroupKey(alert.groupKey)) ?? (story ? await this.repo.findUnresolvedByStory(alert.brand, story) : null);
    if (existing) {
      const severity = severityAfterJoin(existing.severity, alert.severity);
      const joined = await this.repo.join(existing._id, alert.key, alert.signalKeys, { evidence: alert.evidence, severity, updatedAt: now }, {
        at: now, by: SYSTEM, action: 'join', detail: `alert ${alert.key}`,
      });
      if (joined) this.logger.log({ event: 'incident_joined', incident: existing._id, alert: alert.key, brand: alert.brand });
      return { incident: (await this.repo.get(existing._id))!, opened: false, joined };
    }
    const incident: Incident = newIncident(alert, now, this.policies.get(alert.slaPolicy));
    const opened = await this.repo.insertIfAbsent(incident);
    if (opened) this.logger.log({ event: 'incident_opened', incident: incident._id, alert: alert.key, brand: alert.brand, severity: alert.severity });
    return { incident: (await this.repo.get(incident._id))!, opened, joined: false };
  }
}
