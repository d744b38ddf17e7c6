import { Module } from '@nestjs/common';
import { MentionsModule } from '../mentions/mentions.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { DemoMailController } from './demo-mail.controller.js';
import { DemoMailbox } from './demo-mailbox.js';
import { DemoService } from './demo.service.js';

/** Demo mode's parts; they stay idle unless the demo start hook runs (config.demo). */
@Module({
  imports: [MentionsModule, SourcesModule],
  controllers: [DemoMailController],
  providers: [DemoMailbox, DemoService],
  exports: [DemoService],
})
export class DemoModule {}
