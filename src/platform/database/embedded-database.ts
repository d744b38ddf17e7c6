import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { locateFerretdb } from './ferretdb-binary.js';
import { findOnPath } from './find-on-path.js';
import { freePort, waitForPort } from './free-port.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/** Where the daemon's data lives: an external server or one goldenhour started itself. */
export interface DatabaseHandle {
  /** Connection string without a database name. */
  readonly uri: string;
  /** 'external', 'mongod', 'ferretdb' or 'mongodb-memory-server'. */
  readonly kind: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Files of the embedded server live here (kept across restarts). */
  dataDir: string;
  /** Project-local cache for a FerretDB build. */
  cacheDir: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

/**
 * Chooses the database: MONGODB_URI → a mongod binary → FerretDB on SQLite → mongodb-memory-server.
 * Each step logs what it chose or why it passed; one error lists what to install when none works.
 */
export async function openDatabase(opts: EmbeddedOptions): Promise<DatabaseHandle> {
  const { env, log } = opts;
  if (env.MONGODB_URI) {
    log(`database: using MONGODB_URI (${redact(env.MONGODB_URI)})`);
    return { uri: env.MONGODB_URI, kind: 'external', stop: async () => {} };
  }
  const reasons: string[] = [];
  const mongod = env.MONGOD_BINARY ?? findOnPath('mongod', env);
  if (mongod && existsSync(mongod)) {
    log(`database: starting mongod (${mongod})`);
    try {
      return await startMongod(mongod, opts);
    } catch (err) {
      reasons.push(`mongod at ${mongod}: ${(err as Error).message}`);
    }
  } else {
    reasons.push(env.MONGOD_BINARY ? `MONGOD_BINARY=${env.MONGOD_BINARY} does not exist` : 'no mongod on PATH');
  }
  log(`database: ${reasons[reasons.length - 1]}; trying FerretDB on SQLite`);
  const running = await runningServer(resolve(opts.dataDir, 'ferretdb'));
  if (running) {
    log(`database: FerretDB already running for ${opts.dataDir} (pid ${running.pid}); sharing it`);
    return { uri: running.uri, kind: 'ferretdb', stop: async () => {} };
  }
  const ferret = await locateFerretdb(opts.cacheDir, env, log);
  if (ferret.path !== null) {
    log(`database: FerretDB (${ferret.how})`);
    try {
      return await startFerretdb(ferret.path, opts);
    } catch (err) {
      reasons.push(`FerretDB: ${(err as Error).message}`);
    }
  } else {
    reasons.push(`FerretDB: ${'why' in ferret ? ferret.why : 'unavailable'}`);
  }
  log(`database: ${reasons[reasons.length - 1]}; trying mongodb-memory-server (needs internet to download mongod once)`);
  try {
    return await startMemoryServer(opts);
  } catch (err) {
    reasons.push(`mongodb-memory-server: ${(err as Error).message.split('\n')[0]}`);
  }
  throw new Error(
    'no database available. Set MONGODB_URI to a MongoDB 6+ or FerretDB server, install mongod (or set MONGOD_BINARY), ' +
      'or install Go so goldenhour can build FerretDB (or set FERRETDB_BINARY). Tried:\n  - ' + reasons.join('\n  - '),
  );
}

async function startFerretdb(binary: string, opts: EmbeddedOptions): Promise<DatabaseHandle> {
  const dir = resolve(opts.dataDir, 'ferretdb');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const proc = await startServerProcess(binary, [
    '--handler=sqlite',
    // Immediate transactions take the write lock up front, so concurrent writers wait (busy_timeout)
    // instead of failing with SQLITE_BUSY when a read transaction tries to upgrade.
    `--sqlite-url=file:${dir}/?_txlock=immediate`,
    `--state-dir=${dir}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-',
    '--telemetry=disable',
    '--log-level=warn',
  ], port, opts.log);
  // One connection per client: FerretDB on SQLite writes one at a time anyway, and concurrent writers
  // from a pool made it answer SQLITE_BUSY (measured with 8 parallel updates); queued in the driver, they all go through.
  const uri = `mongodb://127.0.0.1:${port}/?maxPoolSize=1`;
  // Lets a `goldenhour` command share the daemon's server instead of opening the same files twice.
  const marker = join(dir, 'server.json');
  writeFileSync(marker, JSON.stringify({ pid: proc.pid, uri, port }));
  return {
    uri,
    kind: 'ferretdb',
    stop: async () => {
      rmSync(marker, { force: true });
      await proc.stop();
    },
  };
}

async function startMongod(binary: string, opts: EmbeddedOptions): Promise<DatabaseHandle> {
  const dir = resolve(opts.dataDir, 'mongod');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const proc = await startServerProcess(binary, ['--bind_ip', '127.0.0.1', '--port', String(port), '--dbpath', dir, '--quiet'], port, opts.log);
  return handle(`mongodb://127.0.0.1:${port}/`, 'mongod', proc);
}

async function startMemoryServer(opts: EmbeddedOptions): Promise<DatabaseHandle> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const dir = resolve(opts.dataDir, 'mongodb-memory-server');
  mkdirSync(dir, { recursive: true });
  // Fail fast: without internet the binary download cannot succeed, so do not wait for long timeouts.
  const server = await withTimeout(
    MongoMemoryServer.create({ instance: { ip: '127.0.0.1', dbPath: dir, storageEngine: 'wiredTiger' }, binary: { downloadDir: join(opts.cacheDir, 'mongodb-binaries') } }),
    20_000,
  );
  return { uri: server.getUri().replace(/\/[^/]*$/, '/'), kind: 'mongodb-memory-server', stop: async () => { await server.stop({ doCleanup: false }); } };
}

async function runningServer(dir: string): Promise<{ pid: number; uri: string } | null> {
  const marker = join(dir, 'server.json');
  if (!existsSync(marker)) return null;
  try {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as { pid: number; uri: string; port: number };
    process.kill(m.pid, 0);
    await waitForPort('127.0.0.1', m.port, 1000, () => true);
    return m;
  } catch {
    rmSync(marker, { force: true });
    return null;
  }
}

function handle(uri: string, kind: string, proc: ServerProcess): DatabaseHandle {
  return { uri, kind, stop: () => proc.stop() };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`gave up after ${ms / 1000} s`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}
