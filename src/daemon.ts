import { Logger } from '@nestjs/common';
import { createApp } from './boot.js';
import { AppConfig } from './platform/config/app-config.js';
import { ConfigError, loadConfig } from './platform/config/load-config.js';
import { openDatabase } from './platform/database/embedded-database.js';
import { createLogger } from './platform/logging/json-logger.js';
import type { StartHook } from './platform/start-hook.js';


/**
 * `npm start`: validates the configuration, opens the database (embedded unless MONGODB_URI), serves the
 * API and web app, and on SIGTERM/SIGINT finishes in-flight requests, closes the database and stops the embedded server.
 */
export async function startDaemon(hooks: StartHook[] = []): Promise<void> {
  let loaded;
  try {
    loaded = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`goldenhour: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const config = new AppConfig(loaded.config, loaded.demo, loaded.file);
  const logger = createLogger(config.logLevel, config.logFormat);
  Logger.overrideLogger(logger);
  const log = new Logger('Daemon');
  log.log({ event: 'config_loaded', file: loaded.file ?? '(none: defaults)', demo: loaded.demo });
  const db = await openDatabase({
    uri: config.mongodbUri,
    dataDir: config.dataDir,
    cacheDir: config.cacheDir,
    env: process.env,
    log: (line) => log.log({ event: 'database', message: line }),
  });
  const app = await createApp({ config, mongoUri: db.uri, logger });
  await app.listen(config.port, config.host);
  const url = config.publicUrl;
  log.log({ event: 'listening', url, database: db.kind, docs: `${url}/api/docs` });
  for (const hook of hooks) await hook({ app, config, url });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log({ event: 'stopping', signal });
    await app.close();
    await db.stop();
    log.log({ event: 'stopped' });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
