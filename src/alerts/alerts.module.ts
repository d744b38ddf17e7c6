import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AlertGroupSchema, AlertSchema } from './alert.schema.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsService } from './alerts.service.js';
import { RulesService } from './rules.service.js';
import { NotificationsModule } from '../notifications/notifications.module.js';

import { AlertsPersonalData } from './alerts.personal-data.js';
/**
 * Alerts: rules → grouped alerts, each due alert sent through the notifications module. IncidentsModule
 * imports this module (never the reverse): its escalation use case runs AlertsService's steps.
 */
@Module({
  imports: [
    NotificationsModule,
    MongooseModule.forFeature([
      { name: 'Alert', schema: AlertSchema },
      { name: 'AlertGroup', schema: AlertGroupSchema },
    ]),
  ],
  controllers: [AlertsController],
  providers: [AlertsRepository, RulesService, AlertsService, AlertsPersonalData],
  exports: [AlertsPersonalData, AlertsService, RulesService],
})
export class AlertsModule {}
