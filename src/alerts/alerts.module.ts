import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AlertGroupSchema, AlertSchema } from './alert.schema.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsScheduler } from './alerts.scheduler.js';
import { AlertsService } from './alerts.service.js';
import { EmailSender } from './channels/email.sender.js';
import { WebhookSender } from './channels/webhook.sender.js';
import { NotificationsService } from './notifications.service.js';
import { OutboxDispatcher } from './outbox.dispatcher.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxQueueSchema, OutboxSchema } from './outbox.schema.js';
import { OutboxService } from './outbox.service.js';
import { RulesService } from './rules.service.js';

import { AlertsPersonalData } from './alerts.personal-data.js';
/**
 * Alerts: rules → grouped alerts → outbox → email and webhooks. IncidentsModule imports this module
 * (never the reverse) and uses AlertsService, NotificationsService and OutboxService.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: 'Alert', schema: AlertSchema },
      { name: 'AlertGroup', schema: AlertGroupSchema },
      { name: 'Outbox', schema: OutboxSchema },
      { name: 'OutboxQueue', schema: OutboxQueueSchema },
    ]),
  ],
  controllers: [AlertsController],
  providers: [AlertsRepository, OutboxRepository, RulesService, AlertsService, AlertsScheduler, NotificationsService, OutboxService, OutboxDispatcher, EmailSender, WebhookSender, AlertsPersonalData],
  exports: [AlertsPersonalData, AlertsService, NotificationsService, OutboxService, OutboxDispatcher, RulesService],
})
export class AlertsModule {}
