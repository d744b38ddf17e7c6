import { Module } from '@nestjs/common';
import { BrandsModule } from '../brands/brands.module.js';
import { StoriesModule } from '../stories/stories.module.js';
import { LearningModule } from '../learning/learning.module.js';
import { AnalysisService } from './analysis.service.js';
import { BucketsRepository } from './buckets.repository.js';
import { BucketsService } from './buckets.service.js';
import { MentionKeysRepository } from './mention-keys.repository.js';
import { MentionStates } from './mention-states.js';
import { IngestService } from './ingest.service.js';
import { LegacyMentionsRepository } from './legacy-mentions.repository.js';
import { LegacyMentionsMigration } from './legacy-migration.js';
import { LedgerCompactionJob } from './ledger-compaction.job.js';
import { CorrectionsController } from './corrections.controller.js';
import { CorrectionsService } from './corrections.service.js';
import { MentionsController } from './mentions.controller.js';
import { MentionsRepository } from './mentions.repository.js';
import { MentionsService } from './mentions.service.js';
import { NegativesRepository } from './negatives.repository.js';
import { AuthorIndexRepository } from './author-index.repository.js';
import { ErasedMentionsRepository } from './erased-mentions.repository.js';
import { AuthorIndexBackfill } from './author-index.backfill.js';
import { SourceCountsBackfill } from './source-counts.backfill.js';
import { MentionPrivacy } from './mention-privacy.js';
import { MentionsPersonalData } from './mentions.personal-data.js';
import { MentionsPersonalDataRepository } from './personal-data.repository.js';
import { ReanalyzeService } from './reanalyze.service.js';
import { SourceCounts } from './source-counts.service.js';
import { SourceCountsRepository } from './source-counts.repository.js';

@Module({
  imports: [
    BrandsModule,
    StoriesModule,
    LearningModule,
  ],
  controllers: [MentionsController, CorrectionsController],
  providers: [SourceCountsRepository, SourceCounts, AnalysisService, MentionsRepository, MentionKeysRepository, MentionStates, BucketsRepository, LedgerCompactionJob, NegativesRepository, IngestService, BucketsService, MentionsService, ReanalyzeService, LegacyMentionsRepository, LegacyMentionsMigration, MentionPrivacy, AuthorIndexRepository, ErasedMentionsRepository, MentionsPersonalDataRepository, MentionsPersonalData, CorrectionsService, AuthorIndexBackfill, SourceCountsBackfill],
  exports: [SourceCounts, AnalysisService, MentionStates, IngestService, BucketsService, LedgerCompactionJob, MentionsService, ReanalyzeService, LegacyMentionsMigration, BrandsModule, MentionsPersonalData, AuthorIndexBackfill, SourceCountsBackfill],
})
export class MentionsModule {}
