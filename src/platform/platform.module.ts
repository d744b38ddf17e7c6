import { ErasureGeneration } from './database/erasure-generation.repository.js';
import { PurgeMarks } from './database/purge-marks.repository.js';
import { DatabaseAdmin } from './database/database-admin.repository.js';
import { ReadMemo } from './database/read-memo.js';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { AuthGuard } from './auth/auth.guard.js';
import { ApiTokenSchema } from './auth/token.schema.js';
import { SessionController } from './auth/session.controller.js';
import { TokensController } from './auth/tokens.controller.js';
import { TokensRepository } from './auth/tokens.repository.js';
import { TokensService } from './auth/tokens.service.js';
import { Clock, SystemClock } from './clock.js';
import { ClusterController } from './cluster/cluster.controller.js';
import { ClusterService } from './cluster/cluster.service.js';
import { COORDINATION } from './database/coordination.js';
import { AppConfig } from './config/app-config.js';
import { HealthController } from './health/health.controller.js';
import { Readiness } from './health/readiness.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsService } from './metrics/metrics.service.js';
import { JobRegistry } from './jobs/job-registry.js';
import { DaemonSchema, JobRunSchema } from './jobs/job-runs.schema.js';
import { JobRunsRepository } from './jobs/job-runs.repository.js';
import { JobScheduler } from './jobs/job-scheduler.js';
import { DaemonIdentity } from './leases/daemon-identity.js';
import { LeaseEpochSchema, LeaseHeadSchema } from './leases/lease.schema.js';
import { LeaseRepository } from './leases/lease.repository.js';
import { LeaseService } from './leases/lease.service.js';
import { Runtime } from './runtime.js';

export interface PlatformOptions {
  config: AppConfig;
  /** Server URI (no database name); the database is config.dbName. */
  mongoUri: string;
  clock?: Clock;
  /** Whether scheduled jobs tick by themselves (off in tests and replay). */
  scheduling?: boolean;
  /** Only this process uses the database (a replay's own): reads of collections it has not written since are kept (ReadMemo). */
  privateDatabase?: boolean;
}

/** What every feature stands on: config, clock, database connection, auth, metrics, health, leases and the job registry. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(opts: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        MongooseModule.forRoot(opts.mongoUri, { dbName: opts.config.dbName, serverSelectionTimeoutMS: 15_000, autoIndex: true, ...(opts.privateDatabase ? { monitorCommands: true } : {}) }),
        // Leases, run records and heartbeats on a connection of their own: the embedded server's URI allows
        // one operation at a time per connection, and a renewal queued behind a long read (a cold detection
        // pass, a compaction) let leases run out under load (measured: every lease lost 80 s after a start).
        // Its operations are small reads and writes by `_id`; one left unanswered (a server paused or cut off without
        // closing the socket) would hold the one connection, and with it every renewal and heartbeat, for ever. An
        // answer later than a lease is worth nothing: the socket is dropped then and the driver connects again.
        MongooseModule.forRoot(opts.mongoUri, {
          connectionName: COORDINATION,
          dbName: opts.config.dbName,
          serverSelectionTimeoutMS: 15_000,
          socketTimeoutMS: opts.config.cluster.leaseSeconds * 1000,
          autoIndex: true,
        }),
        MongooseModule.forFeature([{ name: 'ApiToken', schema: ApiTokenSchema }]),
        MongooseModule.forFeature(
          [
            { name: 'LeaseHead', schema: LeaseHeadSchema },
            { name: 'LeaseEpoch', schema: LeaseEpochSchema },
            { name: 'JobRun', schema: JobRunSchema },
            { name: 'Daemon', schema: DaemonSchema },
          ],
          COORDINATION,
        ),
      ],
      controllers: [HealthController, MetricsController, SessionController, TokensController, ClusterController],
      providers: [
        { provide: AppConfig, useValue: opts.config },
        { provide: Clock, useValue: opts.clock ?? new SystemClock() },
        { provide: Runtime, useValue: new Runtime(opts.scheduling ?? true, opts.privateDatabase ?? false) },
        MetricsService,
        Readiness,
        TokensRepository,
        TokensService,
        DaemonIdentity,
        LeaseRepository,
        LeaseService,
        JobRegistry,
        JobRunsRepository,
        JobScheduler,
        ClusterService,
        ErasureGeneration,
        PurgeMarks,
        DatabaseAdmin,
        { provide: ReadMemo, useFactory: (c: Connection) => new ReadMemo(opts.privateDatabase ? c : null), inject: [getConnectionToken()] },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AppConfig, Clock, Runtime, MetricsService, Readiness, TokensService, MongooseModule, LeaseService, JobRegistry, JobScheduler, JobRunsRepository, DaemonIdentity, ClusterService, ErasureGeneration, PurgeMarks, DatabaseAdmin, ReadMemo],
    };
  }
}
