import { Injectable, Logger } from '@nestjs/common';
import type { ChannelKind } from '../core/rules/alert.js';
import { destinationsFor, type Destination } from '../core/rules/routing.js';
import { AppConfig } from '../platform/config/app-config.js';
import { emailHtml, emailSubject, emailText } from './channels/email-format.js';
import type { Notice } from '../core/notifications/notice.js';
import { webhookPayload } from './channels/webhook-format.js';
import type { NewOutboxItem } from './outbox.js';
import { OutboxService } from './outbox.service.js';

/**
 * What other features send through: a notice rendered for each destination's channel (alerts, escalation,
 * case reminders), or a message they composed themselves (the digest, CRM sync). Everything is written to
 * the outbox first, under an idempotency key; the dispatcher delivers it.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  /** Where the given teams (all teams when empty) receive the given channel kinds, from the team configuration. */
  destinations(teams: readonly string[], channels: readonly ChannelKind[]): Destination[] {
    const { destinations, unknownTeams } = destinationsFor({ teams: [...teams], channels: [...channels] }, this.config.teams);
    if (unknownTeams.length) this.logger.warn({ event: 'unknown_teams', teams: unknownTeams, fix: 'add them under `teams` in goldenhour.yaml or correct the rule' });
    return destinations;
  }

  /**
   * Enqueues the notice once per destination. `idempotencyKey` names this notification (e.g. alert key
   * + notification number, or incident id + step id); each destination's row extends it, so calling again
   * after a crash enqueues nothing twice. Returns how many rows were new.
   */
  async send(notice: Notice, destinations: readonly Destination[], ref: { idempotencyKey: string; alertId?: string; incidentId?: string }): Promise<number> {
    let created = 0;
    for (const d of destinations) {
      const idempotencyKey = `${ref.idempotencyKey}|${d.channel}|${d.to}`;
      const body =
        d.channel === 'email'
          ? { subject: emailSubject(notice), text: emailText(notice), html: emailHtml(notice) }
          : { subject: notice.title, payload: webhookPayload(d.channel, notice) };
      const r = await this.outbox.enqueue({ channel: d.channel, to: d.to, idempotencyKey, alertId: ref.alertId, incidentId: ref.incidentId, ...body });
      if (r.created) created++;
    }
    return created;
  }

  /**
   * Enqueues one message as composed (a digest with its chart images, a CRM payload); a second call with
   * the same idempotency key adds nothing. True when the row is new.
   */
  async deliver(message: NewOutboxItem): Promise<boolean> {
    return (await this.outbox.enqueue(message)).created;
  }
}
