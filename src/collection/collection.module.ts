import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CollectionController } from './collection.controller.js';
import { CollectionHealthService } from './collection-health.service.js';
import { CollectionRepository } from './collection.repository.js';
import { CollectionGapSchema, CollectionHealthSchema } from './collection.schema.js';

/** Collection health and gaps: written by the sources after each run, read by detection and the dashboards; GET /api/v1/collection/health and /gaps. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: 'CollectionHealth', schema: CollectionHealthSchema },
      { name: 'CollectionGap', schema: CollectionGapSchema },
    ]),
  ],
  controllers: [CollectionController],
  providers: [CollectionRepository, CollectionHealthService],
  exports: [CollectionHealthService],
})
export class CollectionModule {}
