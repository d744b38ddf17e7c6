import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../../src/platform/database/free-port.js';

/** A daemon process of the drill: the built daemon (dist/) on the shared test database, its log kept. */
export interface DaemonProcess {
  name: string;
  child: ChildProcess;
  url: string;
  log: () => string;
  exited: Promise<void>;
}

export interface ClusterOptions {
  /** The drills' own server (they stop it), as a connection string. */
  mongoUri: string;
  dbName: string;
  smtpPort: number;
  /** YAML lines added to the config (recipes dir, brands, cluster settings). */
  extra: string;
  recipes: Record<string, string>;
}

/**
 * Writes the drill's configuration (one database, short leases, fast ticks) and starts daemons as separate
 * processes of `node dist/src/main.js`, the way an operator runs several.
 */
export function clusterWorkspace(opts: ClusterOptions): { dir: string; start(name: string): Promise<DaemonProcess> } {
  const dir = mkdtempSync(join(tmpdir(), 'gh-cluster-'));
  mkdirSync(join(dir, 'scrapers'));
  for (const [file, text] of Object.entries(opts.recipes)) writeFileSync(join(dir, 'scrapers', file), text);
  writeFileSync(
    join(dir, 'goldenhour.yaml'),
    [
      'demo: false',
      `dbName: ${opts.dbName}`,
      `scrapersDir: ${join(dir, 'scrapers')}`,
      'logLevel: log',
      `smtp: { host: 127.0.0.1, port: ${opts.smtpPort}, secure: false, from: "goldenhour <alerts@goldenhour.test>" }`,
      'teams: [{ id: pr, name: PR, members: [{ name: Lin, email: lin@acme.test, role: member }], channels: [] }]',
      'dashboard: { cacheSeconds: 0 }',
      opts.extra,
    ].join('\n'),
  );
  const start = async (name: string): Promise<DaemonProcess> => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, MONGODB_URI: opts.mongoUri, PORT: String(port), LOG_FORMAT: 'json', GOLDENHOUR_RULES_DIR: resolve('rules') };
    const child = spawn(process.execPath, [resolve('dist/src/main.js')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const d = { name, child, url: `http://127.0.0.1:${port}`, log: () => log, exited };
    // A daemon that never came up must not outlive the drill.
    await until(`${name} to listen`, () => /"event":"listening"/.test(log) || child.exitCode !== null, 300_000).catch((err: Error) => {
      child.kill('SIGKILL');
      throw err;
    });
    if (child.exitCode !== null) throw new Error(`${name} exited at start:\n${log.slice(-3000)}`);
    return d;
  };
  return { dir, start };
}

/** Waits until `ok()` holds, polling every 100 ms; fails naming `what` after `timeoutMs`. */
export async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops a daemon by signal and waits for it to be gone; given `timeoutMs`, fails after it (a stop that hangs). */
export async function stop(d: DaemonProcess, signal: NodeJS.Signals, timeoutMs?: number): Promise<void> {
  if (d.child.exitCode === null && d.child.signalCode === null) d.child.kill(signal);
  if (timeoutMs === undefined) return d.exited;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`${d.name} still running ${timeoutMs} ms after ${signal}`)), timeoutMs)));
  await Promise.race([d.exited, late]).finally(() => clearTimeout(timer));
}
