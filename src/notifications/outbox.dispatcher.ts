import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Hold } from '../core/leases/lease.js';
import type { ChannelKind } from '../core/rules/alert.js';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { JobRegistry } from '../platform/jobs/job-registry.js';
import { JobScheduler } from '../platform/jobs/job-scheduler.js';
import { LeaseService } from '../platform/leases/lease.service.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import { DEFAULT_RATE_PER_MINUTE, type ChannelSender } from './channels/channel-sender.js';
import { EmailSender } from './channels/email.sender.js';
import { WebhookSender } from './channels/webhook.sender.js';
import { OUTBOX_STATES, type OutboxItem } from './outbox.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxService } from './outbox.service.js';
import { RateWindow } from './rate-window.js';

export interface DispatchResult {
  sent: number;
  failed: number;
  dead: number;
  deferred: number;
}

/** Rows looked at per claim: the oldest due ones, of which the first this dispatcher can lease is taken. */
const CANDIDATES = 20;

/**
 * Delivers outbox rows (job `outbox`, every `alerts.outbox.pollMs` and at once when a row is written here).
 * Each row is sent under its own lease `outbox-row:<id>` (so dispatchers never send the same row together,
 * and a row left `sending` by a dead one is taken over once that lease expires); the lease is checked just
 * before the send, so a dispatcher paused past it does not send. Then sent, retry with exponential
 * backoff, or dead after the last attempt.
 */
@Injectable()
export class OutboxDispatcher implements OnModuleInit {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly senders: Map<ChannelKind, ChannelSender>;
  private readonly rates = new RateWindow();
  private readonly metrics;
  private running?: Promise<DispatchResult>;

  constructor(
    private readonly repo: OutboxRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly leases: LeaseService,
    private readonly jobs: JobRegistry,
    scheduler: JobScheduler,
    outbox: OutboxService,
    email: EmailSender,
    webhook: WebhookSender,
    metrics: MetricsService,
  ) {
    this.senders = new Map([email, webhook].flatMap((s) => s.kinds.map((k) => [k, s] as const)));
    this.metrics = {
      outcome: metrics.counter('goldenhour_outbox_attempts_total', 'Outbox send attempts by outcome', ['channel', 'outcome']),
      seconds: metrics.histogram('goldenhour_outbox_send_seconds', 'Time to deliver one notification', ['channel'], [0.01, 0.05, 0.1, 0.5, 1, 5, 15]),
      rows: metrics.gauge('goldenhour_outbox_rows', 'Outbox rows not yet sent, by state (dead = needs a look)', ['state']),
    };
    outbox.onEnqueued(() => scheduler.nudge('outbox'));
  }

  onModuleInit(): void {
    this.jobs.declare({ name: 'outbox', schedule: { everyMs: this.config.alerts.outbox.pollMs }, runAtStart: true, run: () => this.dispatchDue() });
  }

  /** Sends every row due now; one pass at a time per process (a call during a pass gets that pass). */
  dispatchDue(max = 500): Promise<DispatchResult> {
    this.running ??= this.pass(max).finally(() => (this.running = undefined));
    return this.running;
  }

  /** Takes the oldest due row this dispatcher can lease and marks it `sending`; undefined when none is left. */
  async claim(now: Date): Promise<{ item: OutboxItem; hold: Hold } | undefined> {
    const { leaseMs } = this.config.alerts.outbox;
    for (const candidate of await this.repo.due(now, CANDIDATES)) {
      const hold = await this.leases.acquire(`outbox-row:${candidate.id}`, leaseMs);
      if (!hold) continue;
      // Read again under the lease: another dispatcher may have sent it since the list was read.
      const row = await this.repo.get(candidate.id);
      const stillDue = row && (row.state === 'pending' ? row.nextAttemptAt <= now : row.state === 'sending' && (row.leaseUntil ?? now) <= now);
      if (!stillDue) {
        await this.leases.release(hold);
        continue;
      }
      return { item: await this.repo.markSending(row, hold.owner, hold.validUntil), hold };
    }
    return undefined;
  }

  private async pass(max: number): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, failed: 0, dead: 0, deferred: 0 };
    try {
      for (let i = 0; i < max; i++) {
        const now = this.clock.now();
        const claimed = await this.claim(now);
        if (!claimed) break;
        const outcome = await this.deliver(claimed.item, claimed.hold, now);
        if (outcome) result[outcome]++;
      }
      const counts = await this.repo.countByState();
      for (const state of OUTBOX_STATES.filter((s) => s !== 'sent')) this.metrics.rows.set({ state }, counts[state] ?? 0);
    } catch (err) {
      this.logger.error({ event: 'outbox_pass_failed', error: (err as Error).message });
    }
    return result;
  }

  private ratePerMinute(item: OutboxItem): number {
    const configured = this.config.teams.flatMap((t) => t.channels).find((c) => c.type === item.channel && c.to === item.to)?.ratePerMinute;
    return configured ?? DEFAULT_RATE_PER_MINUTE[item.channel];
  }

  /** Sends one leased row; undefined when the lease was lost before the send (the new holder sends it). */
  private async deliver(item: OutboxItem, hold: Hold, now: Date): Promise<keyof DispatchResult | undefined> {
    const ids = { outboxId: item.id, channel: item.channel, alertId: item.alertId, incidentId: item.incidentId, attempt: item.attempts };
    const notBefore = this.rates.reserve(`${item.channel} ${item.to}`, this.ratePerMinute(item), now);
    if (notBefore) {
      await this.repo.release(item.id, hold.owner, notBefore);
      await this.leases.release(hold);
      this.logger.log({ event: 'outbox_rate_limited', ...ids, retryAt: notBefore.toISOString() });
      return 'deferred';
    }
    // Renewed just before the send, so the send starts with a whole lease ahead of it, not what the claim,
    // the row writes and a slow process left of it (a send outliving the lease could be sent again by a taker).
    const renewed = await this.leases.renew(hold, this.config.alerts.outbox.leaseMs);
    if (!renewed) {
      this.logger.warn({ event: 'outbox_lease_lost', ...ids, error: `lease outbox-row:${item.id} lost before the send` });
      return undefined;
    }
    const sender = this.senders.get(item.channel);
    const started = performance.now();
    try {
      if (!sender) throw new Error(`no sender for channel "${item.channel}"`);
      await sender.send(item);
      await this.repo.markSent(item.id, hold.owner, this.clock.now());
      await this.leases.forget(hold);
      this.metrics.seconds.observe({ channel: item.channel }, (performance.now() - started) / 1000);
      this.metrics.outcome.inc({ channel: item.channel, outcome: 'sent' });
      this.logger.log({ event: 'outbox_sent', ...ids });
      return 'sent';
    } catch (err) {
      const outcome = await this.fail(item, hold.owner, ids, (err as Error).message);
      await this.leases.release(hold);
      return outcome;
    }
  }

  private async fail(item: OutboxItem, owner: string, ids: Record<string, unknown>, error: string): Promise<keyof DispatchResult> {
    const { maxAttempts, backoffMs, maxBackoffMs } = this.config.alerts.outbox;
    const dead = item.attempts >= maxAttempts;
    const delay = Math.min(maxBackoffMs, backoffMs * 2 ** (item.attempts - 1));
    const retryAt = dead ? undefined : new Date(this.clock.now().getTime() + delay);
    await this.repo.markFailed(item.id, owner, error, retryAt);
    this.metrics.outcome.inc({ channel: item.channel, outcome: dead ? 'dead' : 'failed' });
    if (dead) this.logger.error({ event: 'outbox_dead', ...ids, error });
    else this.logger.warn({ event: 'outbox_retry', ...ids, error, retryAt: retryAt!.toISOString() });
    return dead ? 'dead' : 'failed';
  }
}
