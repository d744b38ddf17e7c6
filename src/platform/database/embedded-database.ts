import mongoose from 'mongoose';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { locateFerretdb } from './ferretdb-binary.js';
import { findOnPath } from './find-on-path.js';
import { freePort } from './free-port.js';
import { startMongod, type AdminCommand } from './mongod.js';
import { locateDownloadedMongod } from './mongodb-download.js';
import { startServerProcess } from './server-process.js';
import { openSharedServer, type ServerMarker } from './shared-server.js';

/** Where the daemon's data lives: an external server or one goldenhour started itself. */
export interface DatabaseHandle {
  /** Connection string without a database name. */
  readonly uri: string;
  /** 'external', 'mongod' or 'ferretdb'. */
  readonly kind: string;
  /** Leaves the server; an embedded one stops when no other goldenhour process uses it. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The configured server (`mongodbUri` in goldenhour.yaml or MONGODB_URI); env.MONGODB_URI when not given. */
  uri?: string;
  /** Files of the embedded server live here (kept across restarts). */
  dataDir: string;
  /** Project-local cache for a FerretDB build; a downloaded MongoDB goes next to it (.cache/mongodb). */
  cacheDir: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

/**
 * Chooses the database: MONGODB_URI → a mongod binary → MongoDB downloaded into the project cache →
 * FerretDB on SQLite. Each step logs what it chose or why it passed; one error lists what to install
 * when none works. An embedded server is shared by every goldenhour process on the same data directory.
 */
export async function openDatabase(opts: EmbeddedOptions): Promise<DatabaseHandle> {
  const { env, log } = opts;
  const configured = opts.uri ?? env.MONGODB_URI;
  if (configured) {
    log(`database: using MONGODB_URI (${redact(configured)})`);
    return { uri: configured, kind: 'external', stop: async () => {} };
  }
  const reasons: string[] = [];
  const installed = await mongodStep(installedMongod(env), 'mongod at', 'looking for a downloaded MongoDB', opts, reasons);
  if (installed) return installed;
  const downloaded = await mongodStep(await downloadedMongod(opts), 'downloaded mongod at', 'trying FerretDB on SQLite', opts, reasons);
  if (downloaded) return downloaded;
  const ferret = await attempt(() => openFerretdb(opts), 'FerretDB', reasons);
  if (ferret) return ferret;
  throw new Error(
    'no database available. Set MONGODB_URI to a MongoDB 6+ or FerretDB server, install MongoDB\'s mongod (or set MONGOD_BINARY), ' +
      'let goldenhour download MongoDB once (needs internet), or install Go so goldenhour can build FerretDB (or set FERRETDB_BINARY). ' +
      'Tried:\n  - ' + reasons.join('\n  - '),
  );
}

/** Where a downloaded MongoDB is kept: beside the FerretDB build, in the project cache. */
export function mongodbCacheDir(cacheDir: string): string {
  return join(dirname(resolve(cacheDir)), 'mongodb');
}

function installedMongod(env: NodeJS.ProcessEnv): { path: string; how: string } | { path: null; why: string } {
  if (env.MONGOD_BINARY) {
    if (existsSync(env.MONGOD_BINARY)) return { path: env.MONGOD_BINARY, how: 'MONGOD_BINARY' };
    return { path: null, why: `MONGOD_BINARY=${env.MONGOD_BINARY} does not exist` };
  }
  const onPath = findOnPath('mongod', env);
  return onPath ? { path: onPath, how: 'on PATH' } : { path: null, why: 'no mongod on PATH and no MONGOD_BINARY' };
}

async function downloadedMongod(opts: EmbeddedOptions): Promise<{ path: string; how: string } | { path: null; why: string }> {
  // MONGOD_DOWNLOAD=0 keeps goldenhour off the network; an earlier download is still used.
  const forbidden = /^(0|false|off|no)$/i.test(opts.env.MONGOD_DOWNLOAD ?? '') ? `MONGOD_DOWNLOAD=${opts.env.MONGOD_DOWNLOAD}` : undefined;
  return locateDownloadedMongod({ dir: mongodbCacheDir(opts.cacheDir), log: opts.log, forbidden });
}

/** Starts the mongod found, if any; otherwise, or when it fails, logs why and what comes `next`. */
async function mongodStep(
  found: { path: string; how: string } | { path: null; why: string },
  label: string,
  next: string,
  opts: EmbeddedOptions,
  reasons: string[],
): Promise<DatabaseHandle | null> {
  if (found.path === null) {
    reasons.push(found.why);
    opts.log(`database: ${found.why}; ${next}`);
    return null;
  }
  opts.log(`database: mongod (${found.how}: ${found.path})`);
  const opened = await attempt(() => openMongod(found.path, opts), `${label} ${found.path}`, reasons);
  if (!opened) opts.log(`database: ${reasons[reasons.length - 1]}; ${next}`);
  return opened;
}

/** Runs one step; on failure records why under `label` and resolves null so the next step is tried. */
async function attempt(step: () => Promise<DatabaseHandle>, label: string, reasons: string[]): Promise<DatabaseHandle | null> {
  try {
    return await step();
  } catch (err) {
    reasons.push(`${label}: ${(err as Error).message.split('\n')[0]}`);
    return null;
  }
}

async function openMongod(binary: string, opts: EmbeddedOptions): Promise<DatabaseHandle> {
  const dir = resolve(opts.dataDir, 'mongod');
  const server = await openSharedServer({ dir, name: 'mongod', log: opts.log, start: () => startMongod(binary, dir, opts.log, adminConnection) });
  return { uri: server.uri, kind: 'mongod', stop: server.stop };
}

async function openFerretdb(opts: EmbeddedOptions): Promise<DatabaseHandle> {
  const dir = resolve(opts.dataDir, 'ferretdb');
  // Located only when a server has to be started: a running one is shared even where no binary is at hand.
  const start = async () => {
    const ferret = await locateFerretdb(opts.cacheDir, opts.env, opts.log);
    if (ferret.path === null) throw new Error('why' in ferret ? ferret.why : 'unavailable');
    opts.log(`database: FerretDB (${ferret.how})`);
    return startFerretdb(ferret.path, dir, opts.log);
  };
  const server = await openSharedServer({ dir, name: 'FerretDB', log: opts.log, start });
  return { uri: server.uri, kind: 'ferretdb', stop: server.stop };
}

async function startFerretdb(binary: string, dir: string, log: (line: string) => void): Promise<ServerMarker> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const pid = await startServerProcess(binary, [
    '--handler=sqlite',
    // Immediate transactions take the write lock up front, so concurrent writers wait (busy_timeout)
    // instead of failing with SQLITE_BUSY when a read transaction tries to upgrade.
    `--sqlite-url=file:${dir}/?_txlock=immediate`,
    `--state-dir=${dir}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-',
    '--telemetry=disable',
    '--log-level=warn',
  ], port, join(dir, 'ferretdb.log'), log);
  // One connection per client: FerretDB on SQLite writes one at a time anyway, and concurrent writers
  // from a pool made it answer SQLITE_BUSY (measured with 8 parallel updates); queued in the driver, they all go through.
  return { pid, uri: `mongodb://127.0.0.1:${port}/?maxPoolSize=1`, port, binary };
}

async function adminConnection(uri: string): Promise<{ admin: AdminCommand; close(): Promise<void> }> {
  const conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  const db = conn.db;
  if (!db) throw new Error(`no database handle for ${uri}`);
  return { admin: (cmd) => db.admin().command(cmd), close: () => conn.close() };
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}
