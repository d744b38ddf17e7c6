import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../platform/clock.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import type { NewOutboxItem, OutboxItem, OutboxState } from './outbox.js';
import { OutboxRepository } from './outbox.repository.js';

/** Writes notifications to the outbox before anything is sent; the dispatcher delivers them. */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);
  private readonly enqueued;
  private readonly listeners: ((created?: OutboxItem) => void)[] = [];

  constructor(
    private readonly repo: OutboxRepository,
    private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.enqueued = metrics.counter('goldenhour_outbox_enqueued_total', 'Notifications written to the outbox', ['channel']);
  }

  /** Stores the notification once per idempotency key (a repeat is a no-op) and wakes the dispatcher. */
  async enqueue(item: NewOutboxItem): Promise<{ item: OutboxItem; created: boolean }> {
    const result = await this.repo.insertOnce(item, this.clock.now());
    if (result.created) {
      this.enqueued.inc({ channel: item.channel });
      this.logger.log({ event: 'outbox_enqueued', outboxId: result.item.id, channel: item.channel, idempotencyKey: item.idempotencyKey, alertId: item.alertId, incidentId: item.incidentId });
      for (const listener of this.listeners) listener(result.item);
    }
    return result;
  }

  /** Sends a dead-lettered notification again (after the receiver was fixed). */
  async retryDead(id: string): Promise<boolean> {
    const requeued = await this.repo.requeueDead(id, this.clock.now());
    if (requeued) {
      this.logger.log({ event: 'outbox_requeued', outboxId: id });
      for (const listener of this.listeners) listener();
    }
    return requeued;
  }

  /** `goldenhour migrate`: rows written before the outbox had its queue are queued, so they are still sent. */
  queueUnsentRows(): Promise<number> {
    return this.repo.queueUnsent();
  }

  /** `goldenhour migrate`: rows written before the outbox kept its keys apart get theirs (the list and repeats find them). */
  keyEarlierRows(): Promise<number> {
    return this.repo.keyEarlierRows();
  }

  list(q: { state?: OutboxState; alertId?: string; incidentId?: string; limit: number }): Promise<OutboxItem[]> {
    return this.repo.list(q);
  }

  /**
   * Called after every enqueue that created a row (with that row) and every requeue (without one): the
   * dispatcher sends right away instead of waiting for its next poll; replay prints new notifications.
   */
  onEnqueued(listener: (created?: OutboxItem) => void): void {
    this.listeners.push(listener);
  }
}
