import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EmailSender } from './channels/email.sender.js';
import { WebhookSender } from './channels/webhook.sender.js';
import { NotificationsPersonalData } from './notifications.personal-data.js';
import { NotificationsService } from './notifications.service.js';
import { OutboxController } from './outbox.controller.js';
import { OutboxDispatcher } from './outbox.dispatcher.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxKeySchema, OutboxQueueSchema, OutboxSchema } from './outbox.schema.js';
import { OutboxService } from './outbox.service.js';

/**
 * Notifications: the outbox (written before anything is sent), its dispatcher (job `outbox`: retries,
 * rate limits, dead letters) and the channels (e-mail, Slack, Feishu, DingTalk, WeCom, generic webhook).
 * Alerts, incidents, cases and the digest send through NotificationsService; none of them sends itself.
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: 'Outbox', schema: OutboxSchema }, { name: 'OutboxQueue', schema: OutboxQueueSchema }, { name: 'OutboxKey', schema: OutboxKeySchema }])],
  controllers: [OutboxController],
  providers: [OutboxRepository, OutboxService, OutboxDispatcher, NotificationsService, EmailSender, WebhookSender, NotificationsPersonalData],
  exports: [NotificationsService, OutboxService, OutboxDispatcher, NotificationsPersonalData],
})
export class NotificationsModule {}
