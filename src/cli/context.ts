import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppModule } from '../app.module.js';
import { AppConfig } from '../platform/config/app-config.js';
import { loadConfig } from '../platform/config/load-config.js';
import { openDatabase } from '../platform/database/embedded-database.js';
import { StderrLogger } from '../platform/logging/json-logger.js';

/**
 * Runs `fn` with the daemon's services (same modules, same database; no HTTP, no scheduled jobs),
 * then closes everything. A command shares a running daemon's embedded server when there is one.
 */
export async function withServices<T>(fn: (app: INestApplicationContext, config: AppConfig) => Promise<T>, opts: { quiet?: boolean } = {}): Promise<T> {
  const loaded = loadConfig();
  const config = new AppConfig(loaded.config, loaded.demo, loaded.file);
  // A running daemon leaves server.json in its data directory; without one, this command starts a database of its own.
  const shared = ['mongod', 'ferretdb'].some((engine) => existsSync(join(config.dataDir, engine, 'server.json')));
  const db = await openDatabase({
    uri: config.mongodbUri,
    dataDir: config.dataDir,
    cacheDir: config.cacheDir,
    env: process.env,
    log: (line) => {
      if (!opts.quiet) process.stderr.write(`goldenhour: ${line}\n`);
    },
  });
  if (db.kind !== 'external' && !shared) {
    process.stderr.write(
      `goldenhour: WARNING: no running goldenhour server uses the data directory ${resolve(config.dataDir)}, so this command started its own ${db.kind} database there ` +
        `(database "${config.dbName}"). A daemon started elsewhere will not see what it writes (tokens included): run the command from the daemon's folder, or set GOLDENHOUR_DATA_DIR (or MONGODB_URI) to the daemon's.\n`,
    );
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, mongoUri: db.uri, scheduling: false }), { logger: new StderrLogger({ logLevels: ['fatal', 'error', 'warn'] }), abortOnError: false });
  try {
    return await fn(app, config);
  } finally {
    await app.close();
    await db.stop();
  }
}
