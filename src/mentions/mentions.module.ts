import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BrandsModule } from '../brands/brands.module.js';
import { AnalysisService } from './analysis.service.js';
import { BucketsRepository } from './buckets.repository.js';
import { BucketsService } from './buckets.service.js';
import { BucketSchema, TopicBucketSchema } from './mention.schema.js';
import { MentionStates } from './mention-states.js';
import { IngestService } from './ingest.service.js';
import { MentionsController } from './mentions.controller.js';
import { MentionsRepository } from './mentions.repository.js';
import { MentionsService } from './mentions.service.js';
import { NegativesRepository } from './negatives.repository.js';
import { ReanalyzeService } from './reanalyze.service.js';
import { RollupsRepository } from './rollups.repository.js';

@Module({
  imports: [
    BrandsModule,
    MongooseModule.forFeature([
      { name: 'Bucket', schema: BucketSchema },
      { name: 'TopicBucket', schema: TopicBucketSchema },
    ]),
  ],
  controllers: [MentionsController],
  providers: [AnalysisService, MentionsRepository, MentionStates, BucketsRepository, RollupsRepository, NegativesRepository, IngestService, BucketsService, MentionsService, ReanalyzeService],
  exports: [AnalysisService, MentionStates, IngestService, BucketsService, MentionsService, ReanalyzeService, BrandsModule],
})
export class MentionsModule {}
