import { Module } from '@nestjs/common';
import { StoriesPersonalData } from './stories.personal-data.js';
import { BrandsModule } from '../brands/brands.module.js';
import { StoriesController } from './stories.controller.js';
import { StoriesRepository } from './stories.repository.js';
import { StoriesService } from './stories.service.js';

/** Stories: near-duplicates, reposts and quotes of one post across platforms, assigned at ingest. */
@Module({
  imports: [BrandsModule],
  controllers: [StoriesController],
  providers: [StoriesRepository, StoriesService, StoriesPersonalData],
  exports: [StoriesService, StoriesPersonalData],
})
export class StoriesModule {}
