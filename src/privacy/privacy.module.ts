import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AlertsModule } from '../alerts/alerts.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { DashboardsModule } from '../dashboards/dashboards.module.js';
import { DetectionModule } from '../detection/detection.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { LearningModule } from '../learning/learning.module.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { StoriesModule } from '../stories/stories.module.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyRepository } from './privacy.repository.js';
import { PrivacyService } from './privacy.service.js';
import { RetentionJob } from './retention.job.js';

/** Personal data: access and erasure requests, the retention purge job, the audit log. */
@Module({
  imports: [MentionsModule, DetectionModule, AlertsModule, NotificationsModule, IncidentsModule, DashboardsModule, CasesModule, StoriesModule, LearningModule],
  controllers: [PrivacyController],
  providers: [PrivacyRepository, PrivacyService, RetentionJob, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [PrivacyService, RetentionJob],
})
export class PrivacyModule {}
