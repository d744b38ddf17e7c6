import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ChannelKind } from '../core/rules/alert.js';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import { Runtime } from '../platform/runtime.js';
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

/**
 * Delivers outbox rows: claims one due row at a time with a lease (so replicas never send the same row
 * together, and a row left `sending` by a crashed worker is taken over once its lease expires), sends it,
 * and records sent, retry with exponential backoff, or dead after the last attempt.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly owner = `dispatcher-${randomUUID()}`;
  private readonly senders: Map<ChannelKind, ChannelSender>;
  private readonly rates = new RateWindow();
  private readonly metrics;
  private timer?: NodeJS.Timeout;
  private running?: Promise<DispatchResult>;
  private again = false;

  constructor(
    private readonly repo: OutboxRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly runtime: Runtime,
    outbox: OutboxService,
    email: EmailSender,
    webhook: WebhookSender,
    metrics: MetricsService,
  ) {
    this.senders = new Map([email, webhook].flatMap((s) => s.kinds.map((k) => [k, s] as const)));
    this.metrics = {
      outcome: metrics.counter('goldenhour_outbox_attempts_total', 'Outbox send attempts by outcome', ['channel', 'outcome']),
      seconds: metrics.histogram('goldenhour_outbox_send_seconds', 'Time to deliver one notification', ['channel'], [0.01, 0.05, 0.1, 0.5, 1, 5, 15]),
      rows: metrics.gauge('goldenhour_outbox_rows', 'Outbox rows by state (dead = needs a look)', ['state']),
    };
    outbox.onEnqueued(() => this.kick());
  }

  onApplicationBootstrap(): void {
    if (!this.runtime.scheduling) return;
    this.timer = setInterval(() => this.kick(), this.config.alerts.outbox.pollMs);
    this.timer.unref();
    // Rows left pending or sending by a previous run go out now, not at the first poll.
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Starts a dispatch pass unless one is running (then that pass runs once more). Scheduling only. */
  private kick(): void {
    if (!this.runtime.scheduling) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.dispatchDue();
  }

  /** Sends every row due now; one pass at a time per process. Returns what happened. */
  dispatchDue(max = 500): Promise<DispatchResult> {
    this.running ??= this.pass(max).finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
    return this.running;
  }

  private async pass(max: number): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, failed: 0, dead: 0, deferred: 0 };
    const { leaseMs } = this.config.alerts.outbox;
    try {
      for (let i = 0; i < max; i++) {
        const now = this.clock.now();
        const item = await this.repo.claim(this.owner, now, new Date(now.getTime() + leaseMs));
        if (!item) break;
        result[await this.deliver(item, now)]++;
      }
      await this.repo.pruneClaims(new Date(this.clock.now().getTime() - 86_400_000));
      const counts = await this.repo.countByState();
      for (const state of OUTBOX_STATES) this.metrics.rows.set({ state }, counts[state] ?? 0);
    } catch (err) {
      this.logger.error({ event: 'outbox_pass_failed', error: (err as Error).message });
    }
    return result;
  }

  private ratePerMinute(item: OutboxItem): number {
    const configured = this.config.teams.flatMap((t) => t.channels).find((c) => c.type === item.channel && c.to === item.to)?.ratePerMinute;
    return configured ?? DEFAULT_RATE_PER_MINUTE[item.channel];
  }

  private async deliver(item: OutboxItem, now: Date): Promise<keyof DispatchResult> {
    const ids = { outboxId: item.id, channel: item.channel, alertId: item.alertId, incidentId: item.incidentId, attempt: item.attempts };
    const notBefore = this.rates.reserve(`${item.channel} ${item.to}`, this.ratePerMinute(item), now);
    if (notBefore) {
      await this.repo.release(item.id, this.owner, notBefore);
      this.logger.log({ event: 'outbox_rate_limited', ...ids, retryAt: notBefore.toISOString() });
      return 'deferred';
    }
    const sender = this.senders.get(item.channel);
    const started = performance.now();
    try {
      if (!sender) throw new Error(`no sender for channel "${item.channel}"`);
      await sender.send(item);
      await this.repo.markSent(item.id, this.owner, this.clock.now());
      this.metrics.seconds.observe({ channel: item.channel }, (performance.now() - started) / 1000);
      this.metrics.outcome.inc({ channel: item.channel, outcome: 'sent' });
      this.logger.log({ event: 'outbox_sent', ...ids });
      return 'sent';
    } catch (err) {
      return this.fail(item, ids, (err as Error).message);
    }
  }

  private async fail(item: OutboxItem, ids: Record<string, unknown>, error: string): Promise<keyof DispatchResult> {
    const { maxAttempts, backoffMs, maxBackoffMs } = this.config.alerts.outbox;
    const dead = item.attempts >= maxAttempts;
    const delay = Math.min(maxBackoffMs, backoffMs * 2 ** (item.attempts - 1));
    const retryAt = dead ? undefined : new Date(this.clock.now().getTime() + delay);
    await this.repo.markFailed(item.id, this.owner, error, retryAt);
    this.metrics.outcome.inc({ channel: item.channel, outcome: dead ? 'dead' : 'failed' });
    if (dead) this.logger.error({ event: 'outbox_dead', ...ids, error });
    else this.logger.warn({ event: 'outbox_retry', ...ids, error, retryAt: retryAt!.toISOString() });
    return dead ? 'dead' : 'failed';
  }
}
