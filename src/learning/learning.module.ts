import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LearningRepository } from './learning.repository.js';
import { LabelsPersonalData } from './labels.personal-data.js';
import { LearningService } from './learning.service.js';
import { SentimentLabelSchema } from './sentiment-label.schema.js';
import { SentimentModelChunkSchema } from './sentiment-model-chunk.schema.js';
import { SentimentModelSchema } from './sentiment-model.schema.js';
import { SentimentModelVersionSchema } from './sentiment-model-version.schema.js';

/** Learned sentiment: labels people gave and the models learnt from them (used by ingest, reanalyze and corrections). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: 'SentimentModel', schema: SentimentModelSchema },
      { name: 'SentimentLabel', schema: SentimentLabelSchema },
      { name: 'SentimentModelVersion', schema: SentimentModelVersionSchema },
      { name: 'SentimentModelChunk', schema: SentimentModelChunkSchema },
    ]),
  ],
  providers: [LearningRepository, LearningService, LabelsPersonalData],
  exports: [LearningService, LabelsPersonalData],
})
export class LearningModule {}
