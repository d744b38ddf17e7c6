import { Module } from '@nestjs/common';
import { CollectionModule } from '../collection/collection.module.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { StoriesModule } from '../stories/stories.module.js';
import { CauseSummaries } from './cause-summaries.service.js';
import { BucketScopes } from './bucket-scopes.js';
import { CollectionGaps } from './collection-gaps.js';
import { DetectionService } from './detection.service.js';
import { DetectorCheckpoints } from './detector-checkpoints.repository.js';
import { LegacySignalsMigration } from './legacy-signals.js';
import { SignalsController } from './signals.controller.js';
import { SignalsRepository } from './signals.repository.js';
import { SignalsPersonalData } from './signals.personal-data.js';
import { StoryGrowth } from './story-growth.js';
import { ViralPosts } from './viral-posts.js';

/** Scheduled detection: reads buckets and engagement snapshots, stores signals, serves GET /api/v1/signals. */
@Module({
  imports: [MentionsModule, StoriesModule, CollectionModule],
  controllers: [SignalsController],
  providers: [CauseSummaries, BucketScopes, DetectorCheckpoints, ViralPosts, StoryGrowth, CollectionGaps, SignalsRepository, DetectionService, LegacySignalsMigration, SignalsPersonalData],
  exports: [CauseSummaries, DetectionService, LegacySignalsMigration, SignalsPersonalData],
})
export class DetectionModule {}
