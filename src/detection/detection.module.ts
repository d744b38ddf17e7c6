import { Module } from '@nestjs/common';
import { MentionsModule } from '../mentions/mentions.module.js';
import { StoriesModule } from '../stories/stories.module.js';
import { BucketScopes } from './bucket-scopes.js';
import { DetectionJob } from './detection.job.js';
import { DetectionService } from './detection.service.js';
import { LegacySignalsMigration } from './legacy-signals.js';
import { SignalsController } from './signals.controller.js';
import { SignalsRepository } from './signals.repository.js';
import { ViralPosts } from './viral-posts.js';

/** Scheduled detection: reads buckets and engagement snapshots, stores signals, serves GET /api/v1/signals. */
import { SignalsPersonalData } from './signals.personal-data.js';
@Module({
  imports: [MentionsModule, StoriesModule],
  controllers: [SignalsController],
  providers: [BucketScopes, ViralPosts, SignalsRepository, DetectionService, DetectionJob, LegacySignalsMigration, SignalsPersonalData],
  exports: [DetectionService, LegacySignalsMigration, SignalsPersonalData],
})
export class DetectionModule {}
