import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { TokensService } from '../../src/platform/auth/tokens.service.js';
import { createApp } from '../../src/boot.js';
import { ManualClock, type Clock } from '../../src/platform/clock.js';
import { AppConfig } from '../../src/platform/config/app-config.js';
import { configSchema, type GoldenhourConfig } from '../../src/platform/config/schema.js';

export interface TestApp {
  app: INestApplication;
  url: string;
  tokens: { admin: string; responder: string; viewer: string };
  clock: Clock;
  connection: Connection;
  config: AppConfig;
  /** fetch against the app with a role's token. */
  request(path: string, init?: RequestInit & { as?: 'admin' | 'responder' | 'viewer' | null; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule on 127.0.0.1 (random port) against a fresh database on the test run's
 * server. Scheduled jobs do not tick by themselves unless `scheduling: true`.
 */
export async function startTestApp(opts: { label: string; config?: Partial<GoldenhourConfig>; clock?: Clock; scheduling?: boolean; dropOnClose?: boolean; mongoUri?: string }): Promise<TestApp> {
  // A drill that stops its database brings its own server (mongoUri); everyone else shares the test run's.
  const uri = opts.mongoUri ?? process.env.GOLDENHOUR_TEST_MONGODB_URI;
  if (!uri) throw new Error('GOLDENHOUR_TEST_MONGODB_URI is not set: run tests through `npm test`');
  const dbName = opts.config?.dbName ?? `t_${opts.label.replace(/[^a-z0-9]/gi, '_').slice(0, 30)}_${randomBytes(3).toString('hex')}`;
  // Dashboards computed on every request unless a test asks for snapshots: most tests change data between calls on a clock that stands still.
  const values = configSchema.parse({ port: 0, dashboard: { cacheSeconds: 0 }, ...opts.config, dbName });
  const config = new AppConfig(values, values.demo ?? false, null);
  const clock = opts.clock ?? new ManualClock('2026-11-20T08:00:00Z');
  const app = await createApp({ config, mongoUri: uri, clock, scheduling: opts.scheduling ?? false });
  await app.listen(0, '127.0.0.1');
  const addr = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${addr.port}`;
  const tokensService = app.get(TokensService);
  const tokens = {
    admin: (await tokensService.create('test admin', 'admin')).token,
    responder: (await tokensService.create('test responder', 'responder')).token,
    viewer: (await tokensService.create('test viewer', 'viewer')).token,
  };
  const connection = app.get<Connection>(getConnectionToken());
  return {
    app,
    url,
    tokens,
    clock,
    connection,
    config,
    request: (path, init = {}) => {
      const { as = 'admin', json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (as) headers.set('authorization', `Bearer ${tokens[as]}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${url}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
    },
    close: async () => {
      if (opts.dropOnClose !== false) await connection.dropDatabase().catch(() => undefined);
      await app.close();
    },
  };
}
