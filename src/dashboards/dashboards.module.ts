import { IncidentsModule } from '../incidents/incidents.module.js';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MentionsModule } from '../mentions/mentions.module.js';
import { CollectionModule } from '../collection/collection.module.js';
import { StoriesModule } from '../stories/stories.module.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardRefreshJob } from './dashboard-refresh.job.js';
import { LivePanelsReader } from './live-panels.js';
import { DashboardService } from './dashboard.service.js';
import { DigestJob } from './digest.job.js';
import { DigestRepository } from './digest.repository.js';
import { DigestRunSchema } from './digest.schema.js';
import { DigestService } from './digest.service.js';
import { IncidentsReader } from './incidents-reader.js';
import { CasesReader } from './cases-reader.js';
import { CasesModule } from '../cases/cases.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { UserPreferencesController } from './user-preferences.controller.js';
import { UserPreferencesRepository } from './user-preferences.repository.js';
import { WebApp } from './web-app.js';

/** The executive dashboard API, the daily digest, and the web app served at `/`. */
@Module({
  imports: [MentionsModule, IncidentsModule, CasesModule, NotificationsModule, CollectionModule, StoriesModule, MongooseModule.forFeature([{ name: 'DigestRun', schema: DigestRunSchema }])],
  controllers: [DashboardController, UserPreferencesController],
  providers: [DashboardService, DashboardRefreshJob, IncidentsReader, CasesReader, LivePanelsReader, DigestRepository, DigestService, DigestJob, WebApp, UserPreferencesRepository],
  exports: [DashboardService, DigestService],
})
export class DashboardsModule {}
