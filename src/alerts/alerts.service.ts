import { Injectable, Logger } from '@nestjs/common';
import type { Signal } from '../core/detection/signal.js';
import type { Alert } from '../core/rules/alert.js';
import type { GroupState } from '../core/rules/group-state.js';
import { evaluateRules } from '../core/rules/evaluate.js';
import { nextTimerAt } from '../core/rules/grouping.js';
import { dueTimes } from '../core/sla/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
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

/** One evaluation of the rules: the alerts that fell due, and the group states to store once they are notified. */
export interface AlertsPass {
  due: Alert[];
  open: GroupState[];
  states: GroupState[];
}

/**
 * The alerts steps of the escalation use case (incidents/escalation.service.ts runs them in order, under the
 * evaluation lease): `evaluate` the rules, then `notify` each due alert, then `commit` the group states.
 */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger(AlertsService.name);
  private readonly metrics;

  constructor(
    private readonly repo: AlertsRepository,
    private readonly rules: RulesService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    metrics: MetricsService,
  ) {
    this.metrics = {
      notified: metrics.counter('goldenhour_alerts_notified_total', 'Alert notifications by severity and reason', ['severity', 'reason']),
      muted: metrics.counter('goldenhour_alerts_muted_total', 'Due alert notifications held back by inhibition, quiet hours or a resolved incident', ['why']),
      openGroups: metrics.gauge('goldenhour_alert_groups_open', 'Alert groups currently open'),
    };
  }

  /** Feeds signals (new, updated or closed; possibly none, as a timer tick) through the rules at `now`; stores nothing. */
  async evaluate(signals: readonly Signal[], now: Date): Promise<AlertsPass> {
    const loaded = this.rules.current();
    const open = await this.repo.openGroups();
    const evaluation = evaluateRules(loaded.ruleSet, open, signals, now, { categoryOf: loaded.categoryOf });
    for (const m of evaluation.muted) {
      this.metrics.muted.inc({ why: m.reason.startsWith('inhibited') ? 'inhibited' : 'quiet_hours' });
      this.logger.log({ event: 'alert_muted', groupKey: m.groupKey, reason: m.reason });
    }
    return { due: evaluation.due, open, states: evaluation.states };
  }

  /**
   * Stores each due alert and writes its notifications to the outbox, with what the incidents side told
   * about it (incident link, due times, cause), or logs why it is held back.
   */
  async notify(pass: AlertsPass, contexts: ReadonlyMap<string, AlertContext>): Promise<void> {
    for (const alert of pass.due) {
      const ctx = contexts.get(alert.key) ?? {};
      if (ctx.suppress) {
        this.metrics.muted.inc({ why: 'resolved' });
        this.logger.log({ event: 'alert_suppressed', alertKey: alert.key, reason: alert.reason, notifyCount: alert.notifyCount, why: ctx.suppress, incidentId: ctx.incidentId });
        continue;
      }
      await this.notifyOne(alert, ctx);
    }
  }

  /**
   * Stores the pass's changed group states. Called after `notify`: a crash in between re-derives the same
   * notifications, which the outbox's idempotency keys absorb.
   */
  async commit(pass: AlertsPass): Promise<void> {
    const before = new Map(pass.open.map((g) => [g.alertKey, JSON.stringify(g)]));
    await this.repo.saveGroups(pass.states.filter((g) => before.get(g.alertKey) !== JSON.stringify(g)));
    await this.repo.markEnded(pass.states.flatMap((g) => (g.closedAt && g.notifyCount > 0 ? [{ alertKey: g.alertKey, closedAt: g.closedAt }] : [])));
    const after = new Map(pass.open.map((g) => [g.alertKey, g]));
    for (const g of pass.states) after.set(g.alertKey, g);
    this.metrics.openGroups.set([...after.values()].filter((g) => !g.closedAt).length);
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

  private async notifyOne(due: Alert, ctx: AlertContext): Promise<void> {
    const alert = ctx.cause ? { ...due, evidence: { ...due.evidence, cause: ctx.cause } } : due;
    // Without an incident (its bookkeeping failed), the due times the policy would give it from the alert's start.
    const policy = this.rules.current().slaPolicies.get(alert.slaPolicy);
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
