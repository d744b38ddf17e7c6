import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, portIsFree } from './free-port.js';
import { startServerProcess, stopServerProcess } from './server-process.js';
import type { ServerMarker } from './shared-server.js';

export const REPLICA_SET = 'rs0';

/** Runs one admin command on the server and resolves with its reply (rejects with the server's error). */
export type AdminCommand = (cmd: Record<string, unknown>) => Promise<Record<string, unknown>>;

/**
 * The mongod command line: files under dbPath, loopback only, and a single-node replica set, which
 * MongoDB needs for transactions and change streams (a standalone mongod has neither).
 */
export function mongodArgs(dbPath: string, port: number): string[] {
  return ['--dbpath', dbPath, '--bind_ip', '127.0.0.1', '--port', String(port), '--replSet', REPLICA_SET, '--quiet'];
}

export function replicaSetConfig(host: string, version = 1): Record<string, unknown> {
  return { _id: REPLICA_SET, version, members: [{ _id: 0, host }] };
}

/**
 * Makes the server the primary of its one-member replica set: initiates the set on first start, and
 * points the member at the current host:port when the port changed since (the set's config is kept
 * in the data files, and a member that does not find itself in it never becomes primary).
 */
export async function ensureReplicaSet(admin: AdminCommand, host: string, log: (line: string) => void, timeoutMs = 30_000): Promise<void> {
  const config = await currentConfig(admin);
  if (!config) {
    log(`database: initiating replica set ${REPLICA_SET} on ${host} (first start on these files)`);
    await admin({ replSetInitiate: replicaSetConfig(host) });
  } else {
    const members = config.members as { host: string }[];
    if (members.length !== 1 || members[0].host !== host) {
      log(`database: replica set ${REPLICA_SET} moves from ${members.map((m) => m.host).join(', ')} to ${host}`);
      await admin({ replSetReconfig: replicaSetConfig(host, Number(config.version) + 1), force: true });
    }
  }
  await waitForPrimary(admin, timeoutMs);
}

/** The stored replica set config, or null when the set was never initiated on these files. */
async function currentConfig(admin: AdminCommand): Promise<Record<string, unknown> | null> {
  try {
    const reply = await admin({ replSetGetConfig: 1 });
    return reply.config as Record<string, unknown>;
  } catch (err) {
    // NotYetInitialized; older servers answer InvalidReplicaSetConfig before an initiate.
    const code = (err as { code?: number }).code;
    if (code === 94 || code === 93) return null;
    throw err;
  }
}

async function waitForPrimary(admin: AdminCommand, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      if ((await admin({ hello: 1 })).isWritablePrimary === true) return;
    } catch (err) {
      // A reconfig or the step up closes connections; the driver reconnects on the next try.
      last = `: ${(err as Error).message}`;
    }
    if (performance.now() > deadline) throw new Error(`replica set ${REPLICA_SET} elected no primary within ${timeoutMs / 1000} s${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Starts mongod on `dir`/db as a replica set member and makes it primary. The port is kept in `dir`/port
 * and reused while free, so the set's stored config normally stays valid across restarts.
 */
export async function startMongod(binary: string, dir: string, log: (line: string) => void, connect: (uri: string) => Promise<{ admin: AdminCommand; close(): Promise<void> }>): Promise<ServerMarker> {
  const dbPath = join(dir, 'db');
  mkdirSync(dbPath, { recursive: true });
  const port = await preferredPort(join(dir, 'port'));
  const pid = await startServerProcess(binary, mongodArgs(dbPath, port), port, join(dir, 'mongod.log'), log);
  // directConnection: the driver talks to this one server and does not wait for replica set discovery.
  const uri = `mongodb://127.0.0.1:${port}/?directConnection=true`;
  try {
    const conn = await connect(uri);
    try {
      await ensureReplicaSet(conn.admin, `127.0.0.1:${port}`, log);
    } finally {
      await conn.close();
    }
  } catch (err) {
    // Not yet in server.json, so nobody else would ever stop it.
    await stopServerProcess(pid);
    throw err;
  }
  return { pid, uri, port, binary };
}

async function preferredPort(file: string): Promise<number> {
  const kept = existsSync(file) ? Number(readFileSync(file, 'utf8')) : NaN;
  const port = Number.isInteger(kept) && kept > 0 && (await portIsFree(kept)) ? kept : await freePort();
  writeFileSync(file, String(port));
  return port;
}
