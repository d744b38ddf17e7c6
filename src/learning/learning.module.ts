import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LearningRepository } from './learning.repository.js';
import { LearningService } from './learning.service.js';
import { SentimentLabelSchema } from './sentiment-label.schema.js';
import { SentimentModelSchema } from './sentiment-model.schema.js';
import { SentimentModelVersionSchema } from './sentiment-model-version.schema.js';

/** Learned sentiment: labels people gave and the models learnt from them (used by ingest, reanalyze and corrections). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: 'SentimentModel', schema: SentimentModelSchema },
      { name: 'SentimentLabel', schema: SentimentLabelSchema },
      { name: 'SentimentModelVersion', schema: SentimentModelVersionSchema },
    ]),
  ],
  providers: [LearningRepository, LearningService],
  exports: [LearningService],
})
export class LearningModule {}
