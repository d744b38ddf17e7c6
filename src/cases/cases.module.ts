import { Module } from '@nestjs/common';
import { CasesPersonalData } from './cases.personal-data.js';
import { AlertsModule } from '../alerts/alerts.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { StoriesModule } from '../stories/stories.module.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { CaseActionsService } from './case-actions.service.js';
import { CaseAspectsService } from './case-aspects.service.js';
import { CaseIncidentClock } from './case-incident-clock.service.js';
import { CaseIntakeService } from './case-intake.service.js';
import { CaseNotifier } from './case-notifier.js';
import { CaseQueueRepository } from './case-queue.repository.js';
import { CaseReplyEvidence } from './case-reply-evidence.service.js';
import { CaseReportsController } from './case-reports.controller.js';
import { CaseReportsRepository } from './case-reports.repository.js';
import { CaseReportsService } from './case-reports.service.js';
import { CaseRulesService } from './case-rules.service.js';
import { CaseSlaJob } from './case-sla.job.js';
import { CaseSlaService } from './case-sla.service.js';
import { CaseWriter } from './case-writer.service.js';
import { CasesController } from './cases.controller.js';
import { CrmInboundService } from './crm-inbound.service.js';
import { CrmNoncesRepository } from './crm-nonces.repository.js';
import { CrmSyncController } from './crm-sync.controller.js';
import { CrmSyncService } from './crm-sync.service.js';
import { CasesRepository } from './cases.repository.js';

/** Cases: single complaints that need a reply, from ingested mentions to the reply queue, SLA steps and the CRM. */
@Module({
  imports: [MentionsModule, AlertsModule, IncidentsModule, StoriesModule],
  controllers: [CaseReportsController, CasesController, CrmSyncController],
  providers: [CasesRepository, CaseQueueRepository, CaseRulesService, CaseWriter, CaseIntakeService, CaseActionsService, CaseNotifier, CaseSlaService, CaseSlaJob, CrmSyncService, CrmNoncesRepository, CrmInboundService, CasesPersonalData, CaseReportsRepository, CaseReportsService, CaseAspectsService, CaseIncidentClock, CaseReplyEvidence],
  exports: [CaseActionsService, CaseSlaService, CaseSlaJob, CasesPersonalData, CaseReportsService],
})
export class CasesModule {}
