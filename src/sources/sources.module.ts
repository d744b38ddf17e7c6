import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CollectionModule } from '../collection/collection.module.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { SourceRunSchema, SourceStateSchema } from './source.schema.js';
import { SourcesController } from './sources.controller.js';
import { SourcesRepository } from './sources.repository.js';
import { SourceJobs } from './source.jobs.js';
import { SOURCE_ENV, SourcesService } from './sources.service.js';

/** Scheduled scrapers: recipes from scrapersDir, fetched politely, ingested through IngestService. */
@Module({
  imports: [
    MentionsModule,
    CollectionModule,
    MongooseModule.forFeature([
      { name: 'SourceRun', schema: SourceRunSchema },
      { name: 'SourceState', schema: SourceStateSchema },
    ]),
  ],
  controllers: [SourcesController],
  providers: [SourcesRepository, SourcesService, SourceJobs, { provide: SOURCE_ENV, useValue: process.env }],
  exports: [SourcesService],
})
export class SourcesModule {}
