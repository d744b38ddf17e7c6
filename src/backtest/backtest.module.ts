import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { CollectionModule } from '../collection/collection.module.js';
import { DetectionModule } from '../detection/detection.module.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { BacktestController } from './backtest.controller.js';
import { BacktestService } from './backtest.service.js';

/** Backtesting alert rules on a past period: `goldenhour backtest` and POST /api/v1/rules/backtest. */
@Module({
  imports: [MentionsModule, CollectionModule, DetectionModule, AlertsModule],
  controllers: [BacktestController],
  providers: [BacktestService],
  exports: [BacktestService],
})
export class BacktestModule {}
