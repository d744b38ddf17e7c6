import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AlertsModule } from '../alerts/alerts.module.js';
import { DetectionModule } from '../detection/detection.module.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { StoriesModule } from '../stories/stories.module.js';
import { OfficialResponsesController } from './official-responses.controller.js';
import { OfficialResponsesService } from './official-responses.service.js';
import { EscalationJobs } from './escalation.job.js';
import { EscalationService } from './escalation.service.js';
import { IncidentActionsService } from './incident-actions.service.js';
import { IncidentEventsService } from './incident-events.service.js';
import { IncidentNotifier } from './incident-notifier.js';
import { IncidentStepSchema } from './incident-step.schema.js';
import { IncidentStatsService } from './incident-stats.service.js';
import { IncidentQueries } from './incident-queries.service.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsRepository } from './incidents.repository.js';
import { SlaEscalationService } from './sla-escalation.service.js';
import { OpenIncidentSchema } from './open-incident.schema.js';
import { SlaJob } from './sla.job.js';
import { SlaPoliciesService } from './sla-policies.service.js';

import { IncidentPartitions } from './incident-partitions.js';
import { IncidentsPersonalData } from './incidents.personal-data.js';
/** Incidents: alerts needing a response become incidents with SLA clocks, escalation steps and the response board API. */
@Module({
  imports: [
    AlertsModule,
    DetectionModule,
    MentionsModule,
    NotificationsModule,
    StoriesModule,
    MongooseModule.forFeature([
      { name: 'IncidentStep', schema: IncidentStepSchema },
      { name: 'OpenIncident', schema: OpenIncidentSchema },
    ]),
  ],
  controllers: [IncidentsController, OfficialResponsesController],
  providers: [
    IncidentPartitions,
    IncidentsRepository,
    SlaPoliciesService,
    IncidentEventsService,
    IncidentNotifier,
    EscalationService,
    EscalationJobs,
    IncidentActionsService,
    IncidentStatsService,
    IncidentQueries,
    SlaEscalationService,
    SlaJob,
    IncidentsPersonalData,
    OfficialResponsesService,
  ],
  exports: [IncidentsPersonalData, IncidentQueries, EscalationService, SlaEscalationService, SlaJob, IncidentEventsService, IncidentActionsService, SlaPoliciesService],
})
export class IncidentsModule {}
