import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CollectionModule } from '../collection/collection.module.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { BucketScopes } from './bucket-scopes.js';
import { CollectionGaps } from './collection-gaps.js';
import { DetectionJob } from './detection.job.js';
import { DetectionService } from './detection.service.js';
import { SignalSchema } from './signal.schema.js';
import { SignalsController } from './signals.controller.js';
import { SignalsRepository } from './signals.repository.js';
import { ViralPosts } from './viral-posts.js';

/** Scheduled detection: reads buckets and engagement snapshots, stores signals, serves GET /api/v1/signals. */
@Module({
  imports: [MentionsModule, CollectionModule, MongooseModule.forFeature([{ name: 'Signal', schema: SignalSchema }])],
  controllers: [SignalsController],
  providers: [BucketScopes, ViralPosts, CollectionGaps, SignalsRepository, DetectionService, DetectionJob],
  exports: [DetectionService],
})
export class DetectionModule {}
