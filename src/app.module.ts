import { Module, type DynamicModule } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module.js';
import { BacktestModule } from './backtest/backtest.module.js';
import { BrandsModule } from './brands/brands.module.js';
import { CasesModule } from './cases/cases.module.js';
import { DashboardsModule } from './dashboards/dashboards.module.js';
import { DemoModule } from './demo/demo.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { MentionsModule } from './mentions/mentions.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { DetectionModule } from './detection/detection.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { PlatformModule, type PlatformOptions } from './platform/platform.module.js';
import { SourcesModule } from './sources/sources.module.js';

/** The daemon: the platform plus one module per feature, in the order a mention flows through them. */
@Module({
  imports: [
    BrandsModule,
    SourcesModule,
    MentionsModule,
    DetectionModule,
    AlertsModule,
    IncidentsModule,
    NotificationsModule,
    BacktestModule,
    CasesModule,
    DashboardsModule,
    PrivacyModule,
    DemoModule,
  ],
})
export class AppModule {
  static forRoot(opts: PlatformOptions): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forRoot(opts)] };
  }
}
