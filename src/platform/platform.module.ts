import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthGuard } from './auth/auth.guard.js';
import { ApiTokenSchema } from './auth/token.schema.js';
import { SessionController } from './auth/session.controller.js';
import { TokensController } from './auth/tokens.controller.js';
import { TokensRepository } from './auth/tokens.repository.js';
import { TokensService } from './auth/tokens.service.js';
import { Clock, SystemClock } from './clock.js';
import { AppConfig } from './config/app-config.js';
import { HealthController } from './health/health.controller.js';
import { Readiness } from './health/readiness.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsService } from './metrics/metrics.service.js';
import { Runtime } from './runtime.js';

export interface PlatformOptions {
  config: AppConfig;
  /** Server URI (no database name); the database is config.dbName. */
  mongoUri: string;
  clock?: Clock;
  /** Whether scheduled jobs tick by themselves (off in tests and replay). */
  scheduling?: boolean;
}

/** What every feature stands on: config, clock, database connection, auth, metrics, health. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(opts: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        MongooseModule.forRoot(opts.mongoUri, { dbName: opts.config.dbName, serverSelectionTimeoutMS: 15_000, autoIndex: true }),
        MongooseModule.forFeature([{ name: 'ApiToken', schema: ApiTokenSchema }]),
        ScheduleModule.forRoot(),
      ],
      controllers: [HealthController, MetricsController, SessionController, TokensController],
      providers: [
        { provide: AppConfig, useValue: opts.config },
        { provide: Clock, useValue: opts.clock ?? new SystemClock() },
        { provide: Runtime, useValue: new Runtime(opts.scheduling ?? true) },
        MetricsService,
        Readiness,
        TokensRepository,
        TokensService,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AppConfig, Clock, Runtime, MetricsService, Readiness, TokensService, MongooseModule],
    };
  }
}
