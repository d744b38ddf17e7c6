import { Injectable, Logger } from '@nestjs/common';
import type { Signal } from '../core/detection/signal.js';
import type { Alert } from '../core/rules/alert.js';
import { evaluateRules } from '../core/rules/evaluate.js';
import { nextTimerAt } from '../core/rules/grouping.js';
import { dueTimes } from '../core/sla/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { LeaseService } from '../platform/leases/lease.service.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import { AlertsRepository } from './alerts.repository.js';
import { alertNotice, type AlertNoticeContext } from '../core/notifications/notice.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { RulesService } from './rules.service.js';

/** What the incidents side tells about due alerts before they are notified: incident ids, ack links, deadlines. */
export type AlertContext = Omit<AlertNoticeContext, 'publicUrl'> & {
  /** Why this notification must not go out (e.g. a repeat of an alert whose incident was resolved); logged instead. */
  suppress?: string;
};
/**
 * Called with the alerts due in a pass, before their notifications are written, so mails can link the
 * incident. Must be idempotent per alert key + notifyCount: after a crash the same alert can be handed over again.
 */
export type AlertsDueHandler = (alerts: Alert[], now: Date) => Promise<Map<string, AlertContext> | void>;

const EVALUATION_LEASE = 'alerts-evaluation';
const LEASE_MS = 30_000;
/** How long a pass waits for another daemon's evaluation to end. */
const WAIT_MS = 10_000;

/** Turns signals into alerts: rules, grouping, inhibition, quiet hours; stores alerts and group state; notifies through the outbox. */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger(AlertsService.name);
  private readonly handlers: AlertsDueHandler[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly metrics;

  constructor(
    private readonly repo: AlertsRepository,
    private readonly rules: RulesService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly leases: LeaseService,
    metrics: MetricsService,
  ) {
    this.metrics = {
      notified: metrics.counter('goldenhour_alerts_notified_total', 'Alert notifications by severity and reason', ['severity', 'reason']),
      muted: metrics.counter('goldenhour_alerts_muted_total', 'Due alert notifications held back by inhibition, quiet hours or a resolved incident', ['why']),
      openGroups: metrics.gauge('goldenhour_alert_groups_open', 'Alert groups currently open'),
    };
  }

  /** Registers the incidents side (or anyone) to hear about due alerts, from every pass including timer ticks. */
  onAlertsDue(handler: AlertsDueHandler): void {
    this.handlers.push(handler);
  }

  /**
   * Feeds signals (new, updated or closed; possibly none, as a timer tick) through the rules at `now`
   * and returns the alerts that became due (new, updated or repeated). Passes run one at a time, also
   * across replicas (evaluation lease).
   */
  process(signals: readonly Signal[], now: Date): Promise<Alert[]> {
    const run = this.queue.then(() => this.leases.exclusive(EVALUATION_LEASE, LEASE_MS, WAIT_MS, () => this.pass(signals, now)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  list(q: { brand?: string; since?: Date; limit: number }): Promise<Alert[]> {
    return this.repo.listAlerts(q);
  }

  get(key: string): Promise<Alert | undefined> {
    return this.repo.getAlert(key);
  }

  /** Removes closed groups an earlier version kept (`goldenhour migrate`). */
  dropClosedGroups(): Promise<number> {
    return this.repo.deleteClosedGroups();
  }

  /** When a timer pass (no new signals) next has something to do; undefined while no group is open. */
  async nextTimerAt(now: Date): Promise<Date | undefined> {
    return nextTimerAt(this.rules.current().ruleSet.rules, await this.repo.openGroups(), now);
  }

  private async pass(signals: readonly Signal[], now: Date): Promise<Alert[]> {
    const loaded = this.rules.current();
    const open = await this.repo.openGroups();
    const evaluation = evaluateRules(loaded.ruleSet, open, signals, now, { categoryOf: loaded.categoryOf });
    for (const m of evaluation.muted) {
      this.metrics.muted.inc({ why: m.reason.startsWith('inhibited') ? 'inhibited' : 'quiet_hours' });
      this.logger.log({ event: 'alert_muted', groupKey: m.groupKey, reason: m.reason });
    }
    if (evaluation.due.length > 0) {
      const contexts = await this.contexts(evaluation.due, now);
      // Outbox rows first, group state after: a crash in between re-derives the same notifications, which the outbox's idempotency keys absorb.
      for (const alert of evaluation.due) {
        const ctx = contexts.get(alert.key) ?? {};
        if (ctx.suppress) {
          this.metrics.muted.inc({ why: 'resolved' });
          this.logger.log({ event: 'alert_suppressed', alertKey: alert.key, reason: alert.reason, notifyCount: alert.notifyCount, why: ctx.suppress, incidentId: ctx.incidentId });
          continue;
        }
        await this.notify(alert, ctx, loaded.slaPolicies);
      }
    }
    const before = new Map(open.map((g) => [g.alertKey, JSON.stringify(g)]));
    await this.repo.saveGroups(evaluation.states.filter((g) => before.get(g.alertKey) !== JSON.stringify(g)));
    await this.repo.markEnded(evaluation.states.flatMap((g) => (g.closedAt && g.notifyCount > 0 ? [{ alertKey: g.alertKey, closedAt: g.closedAt }] : [])));
    const after = new Map(open.map((g) => [g.alertKey, g]));
    for (const g of evaluation.states) after.set(g.alertKey, g);
    this.metrics.openGroups.set([...after.values()].filter((g) => !g.closedAt).length);
    return evaluation.due;
  }

  private async contexts(due: Alert[], now: Date): Promise<Map<string, AlertContext>> {
    const merged = new Map<string, AlertContext>();
    for (const handler of this.handlers) {
      try {
        const ctx = await handler(due, now);
        for (const [k, v] of ctx ?? []) merged.set(k, { ...merged.get(k), ...v });
      } catch (err) {
        // Notifying must not wait on incident bookkeeping: the alert still goes out, without the incident link.
        this.logger.error({ event: 'alerts_due_handler_failed', alertKeys: due.map((a) => a.key), error: (err as Error).message });
      }
    }
    return merged;
  }

  private async notify(due: Alert, ctx: AlertContext, policies: Map<string, { respondWithinMinutes: number; solveWithinMinutes: number }>): Promise<void> {
    const alert = ctx.cause ? { ...due, evidence: { ...due.evidence, cause: ctx.cause } } : due;
    // Without an incident (its bookkeeping failed), the due times the policy would give it from the alert's start.
    const policy = policies.get(alert.slaPolicy);
    const promised = alert.needsResponse && policy ? dueTimes(policy, alert.createdAt) : undefined;
    const respondBy = ctx.respondBy ?? promised?.respondDueAt;
    const solveBy = ctx.solveBy ?? promised?.solveDueAt;
    const notice = alertNotice(alert, { ...ctx, respondBy, solveBy, publicUrl: this.config.publicUrl });
    const destinations = this.notifications.destinations(alert.teams, alert.channels);
    await this.repo.saveAlert(alert);
    const rows = await this.notifications.send(notice, destinations, { idempotencyKey: `alert|${alert.key}|${alert.notifyCount}`, alertId: alert.key, incidentId: ctx.incidentId });
    this.metrics.notified.inc({ severity: alert.severity, reason: alert.reason });
    this.logger.log({ event: 'alert_due', alertKey: alert.key, brand: alert.brand, severity: alert.severity, reason: alert.reason, signals: alert.signalKeys.length, outboxRows: rows, incidentId: ctx.incidentId });
    if (destinations.length === 0) this.logger.warn({ event: 'alert_without_destinations', alertKey: alert.key, teams: alert.teams, channels: alert.channels, fix: 'configure teams with members or channels in goldenhour.yaml' });
  }
}
