import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDirLock } from './dir-lock.js';
import { waitForPort } from './free-port.js';
import { commandLine, isAlive, startTime } from './process-alive.js';
import { stopServerProcess } from './server-process.js';

/** What `server.json` in a server's directory says about the server running on its files. */
export interface ServerMarker {
  pid: number;
  uri: string;
  port: number;
  /** The executable, to tell our server from an unrelated process that got its pid. */
  binary: string;
}

export interface SharedServerOptions {
  /** The server's directory under the data dir (data/ferretdb, data/mongod). */
  dir: string;
  /** For log lines: 'FerretDB', 'mongod'. */
  name: string;
  log: (line: string) => void;
  /** Starts a server on the directory's files; called only when no live one serves them. */
  start: () => Promise<ServerMarker>;
}

// Long enough to wait for another process that is building FerretDB (about 2 minutes) or stopping a server.
const LOCK_TIMEOUT_MS = 300_000;

/**
 * Opens the server for `dir`, shared by every goldenhour process using that data directory: each process
 * registers itself under `users/`, and the last one to leave stops the server. Start and stop decisions
 * are taken under one lock, so two processes starting together never run two servers on the same files,
 * and one leaving never stops a server that another has just joined. A server whose starter was killed
 * is adopted when it still answers, and replaced when it does not.
 */
export async function openSharedServer(opts: SharedServerOptions): Promise<{ uri: string; stop(): Promise<void> }> {
  const usersDir = join(opts.dir, 'users');
  mkdirSync(usersDir, { recursive: true });
  const me = join(usersDir, `${process.pid}-${randomBytes(4).toString('hex')}`);
  const lock = join(opts.dir, 'lock');
  const marker = await withDirLock(lock, LOCK_TIMEOUT_MS, async () => {
    writeFileSync(me, startTime(process.pid));
    try {
      return (await liveServer(opts, usersDir)) ?? (await startMarked(opts));
    } catch (err) {
      rmSync(me, { force: true });
      throw err;
    }
  });
  let left = false;
  return {
    uri: marker.uri,
    stop: async () => {
      if (left) return;
      left = true;
      await withDirLock(lock, LOCK_TIMEOUT_MS, () => leave(opts, usersDir, me));
    },
  };
}

/**
 * The registered processes still alive; registrations of dead ones (killed, crashed) are dropped, and so are
 * those whose pid now belongs to a process started later (the file holds its owner's start time).
 */
export function liveUsers(usersDir: string): number[] {
  const pids: number[] = [];
  for (const name of safeReaddir(usersDir)) {
    const pid = Number(name.split('-')[0]);
    if (isAlive(pid) && sameProcess(pid, join(usersDir, name))) pids.push(pid);
    else rmSync(join(usersDir, name), { force: true });
  }
  return pids;
}

function sameProcess(pid: number, registration: string): boolean {
  let recorded = '';
  try {
    recorded = readFileSync(registration, 'utf8');
  } catch {
    return false;
  }
  return recorded === '' || recorded === startTime(pid);
}

async function liveServer(opts: SharedServerOptions, usersDir: string): Promise<ServerMarker | null> {
  const markerFile = join(opts.dir, 'server.json');
  const m = readMarker(markerFile);
  if (!m) {
    opts.log(`database: no ${opts.name} running for ${opts.dir}; starting one`);
    return null;
  }
  if (!isAlive(m.pid)) {
    opts.log(`database: ${opts.name} pid ${m.pid} in ${markerFile} is gone; starting a new one`);
    rmSync(markerFile, { force: true });
    return null;
  }
  if (await answers(m.port)) {
    const others = liveUsers(usersDir).filter((p) => p !== process.pid);
    opts.log(`database: ${opts.name} pid ${m.pid} already serves ${opts.dir} on port ${m.port}; sharing it` +
      (others.length ? ` with pids ${others.join(', ')}` : ' (no other live user: adopting it)'));
    return m;
  }
  opts.log(`database: ${opts.name} pid ${m.pid} does not answer on port ${m.port}; replacing it`);
  // A hung server still holds the files.
  if (isOurServer(m)) await stopServerProcess(m.pid);
  rmSync(markerFile, { force: true });
  return null;
}

async function startMarked(opts: SharedServerOptions): Promise<ServerMarker> {
  const m = await opts.start();
  writeFileSync(join(opts.dir, 'server.json'), JSON.stringify(m));
  return m;
}

async function leave(opts: SharedServerOptions, usersDir: string, me: string): Promise<void> {
  rmSync(me, { force: true });
  const others = liveUsers(usersDir);
  if (others.length) {
    opts.log(`database: leaving ${opts.name} running for pids ${others.join(', ')}`);
    return;
  }
  const markerFile = join(opts.dir, 'server.json');
  const m = readMarker(markerFile);
  if (m && isOurServer(m)) await stopServerProcess(m.pid);
  rmSync(markerFile, { force: true });
}

/** Whether the marker's pid still runs its server, not an unrelated process that got the pid since. */
function isOurServer(m: ServerMarker): boolean {
  if (!isAlive(m.pid)) return false;
  const cmd = commandLine(m.pid);
  return cmd === null || cmd[0] === m.binary;
}

function readMarker(file: string): ServerMarker | null {
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as ServerMarker;
    return Number.isInteger(m.pid) && Number.isInteger(m.port) && typeof m.uri === 'string' ? m : null;
  } catch {
    return null;
  }
}

async function answers(port: number): Promise<boolean> {
  try {
    await waitForPort('127.0.0.1', port, 2_000, () => true);
    return true;
  } catch {
    return false;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
