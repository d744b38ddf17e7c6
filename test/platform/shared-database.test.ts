import { describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isAlive } from '../../src/platform/database/process-alive.js';

/** A goldenhour process (the daemon or a command) on the folder's data directory, its output collected. */
function launch(cwd: string, args: string[]): { child: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = { ...process.env, MONGOD_DOWNLOAD: '0', GOLDENHOUR_RULES_DIR: resolve('rules'), LOG_FORMAT: 'json' };
  // The embedded server is what is under test, so no external one.
  delete env.MONGODB_URI;
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((done) => child.once('close', done));
  return { child, out: () => out, err: () => err, exit };
}

const command = (cwd: string, ...args: string[]) => launch(cwd, [resolve('bin/goldenhour.js'), ...args]);
const daemon = (cwd: string) => launch(cwd, [resolve('dist/src/main.js')]);

/** A folder with a config (one brand, no demo, any free port), mentions to import and a short scenario to replay. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gh-shared-db-'));
  writeFileSync(join(dir, 'goldenhour.yaml'), 'demo: false\nport: 0\nbrands:\n  - id: acme\n    name: Acme Foods\n    aliases: [阿克米]\n');
  for (const name of ['a', 'b']) {
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({ brand: 'acme', platform: 'weibo', externalId: `${name}${i}`, text: `阿克米的外卖 ${name} ${i}`, publishedAt: '2026-11-20T08:00:00Z' }));
    writeFileSync(join(dir, `${name}.jsonl`), `${lines.join('\n')}\n`);
  }
  // A replay of three simulated minutes: brand, then mentions a minute apart (its cost grows with the simulated span).
  const scenario = [
    { type: 'brand', id: 'acme', name: 'Acme Foods', aliases: ['阿克米'], keywords: ['阿克米'] },
    ...[0, 1, 2].map((m) => ({ type: 'mention', brand: 'acme', platform: 'weibo', externalId: `r${m}`, publishedAt: `2026-03-02T09:0${m}:00Z`, text: '阿克米的外卖吃出了头发' })),
  ];
  writeFileSync(join(dir, 'scenario.jsonl'), `${scenario.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return dir;
}

/** The embedded server's folder: FerretDB's, or mongod's where one is installed. */
function serverDir(cwd: string): string {
  const mongod = join(cwd, 'data/mongod');
  return existsSync(join(mongod, 'users')) ? mongod : join(cwd, 'data/ferretdb');
}

function liveUsers(cwd: string): number[] {
  const users = join(serverDir(cwd), 'users');
  if (!existsSync(users)) return [];
  return readdirSync(users).map((n) => Number(n.split('-')[0])).filter(isAlive);
}

/** No process is deciding about the server right now (a command paused while holding the lock would block the others). */
function unlocked(cwd: string): boolean {
  return !existsSync(join(serverDir(cwd), 'lock'));
}

function serverPid(cwd: string): number | null {
  const marker = join(serverDir(cwd), 'server.json');
  return existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as { pid: number }).pid : null;
}

async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('one embedded database shared by the daemon and commands on one data directory', () => {
  it('lets two commands and a daemon all complete, though the daemon that started the server stops while they work', async () => {
    const dir = workspace();
    const d = daemon(dir);
    await until('the daemon to listen', () => /"event":"listening"/.test(d.out() + d.err()) || d.child.exitCode !== null);
    const server = serverPid(dir);
    expect(server).not.toBeNull();

    const imp = command(dir, 'import', 'a.jsonl');
    const rep = command(dir, 'replay', 'scenario.jsonl', '--tail', '1');
    await until('both commands to join the daemon', () => liveUsers(dir).length === 3 || imp.child.exitCode !== null || rep.child.exitCode !== null);
    d.child.kill('SIGTERM');
    expect(await d.exit).toBe(0);
    expect(isAlive(server!)).toBe(true);

    const [impCode, repCode] = await Promise.all([imp.exit, rep.exit]);
    expect({ impCode, err: impCode === 0 ? '' : imp.err() }).toEqual({ impCode: 0, err: '' });
    expect({ repCode, err: repCode === 0 ? '' : rep.err() }).toEqual({ repCode: 0, err: '' });
    expect(imp.err()).toMatch(new RegExp(`already serves .* sharing it with pids .*\\b${d.child.pid}\\b`));
    expect(JSON.parse(imp.out())).toEqual({ imported: 40, updated: 0, unchanged: 0, rejected: 0 });
    // Its JSON lines (alerts, if any) came out whole.
    expect(() => rep.out().trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))).not.toThrow();
    // The last one out stopped the server.
    await until('the server to stop', () => !isAlive(server!), 15_000);
    expect(serverPid(dir)).toBeNull();
  }, 150_000);

  it('keeps serving a command after the command that started the server exits, then stops with the last user', async () => {
    const dir = workspace();
    // Each command is paused (SIGSTOP) once it is in, so the order is fixed: the starter finishes first.
    const first = command(dir, 'import', 'a.jsonl');
    await until('the first command to start the server', () => (serverPid(dir) !== null && unlocked(dir)) || first.child.exitCode !== null);
    first.child.kill('SIGSTOP');
    const server = serverPid(dir)!;
    const second = command(dir, 'import', 'b.jsonl');
    await until('the second command to join', () => (liveUsers(dir).length === 2 && unlocked(dir)) || second.child.exitCode !== null);
    second.child.kill('SIGSTOP');
    first.child.kill('SIGCONT');

    expect(await first.exit).toBe(0);
    expect(first.err()).toMatch(new RegExp(`leaving FerretDB running for pids ${second.child.pid}|leaving mongod running for pids ${second.child.pid}`));
    expect(isAlive(server)).toBe(true);
    second.child.kill('SIGCONT');
    const code = await second.exit;
    expect({ code, err: code === 0 ? '' : second.err() }).toEqual({ code: 0, err: '' });
    expect(second.err()).toMatch(new RegExp(`already serves .* sharing it with pids ${first.child.pid}`));
    expect(JSON.parse(second.out())).toEqual({ imported: 40, updated: 0, unchanged: 0, rejected: 0 });
    expect(JSON.parse(first.out())).toEqual({ imported: 40, updated: 0, unchanged: 0, rejected: 0 });
    await until('the server to stop', () => !isAlive(server), 15_000);
    expect(serverPid(dir)).toBeNull();
  }, 150_000);

  it('adopts the server of a command that was killed (SIGKILL), and stops it when done', async () => {
    const dir = workspace();
    const killed = command(dir, 'import', 'a.jsonl');
    await until('the command to start the server', () => (serverPid(dir) !== null && unlocked(dir)) || killed.child.exitCode !== null);
    const server = serverPid(dir)!;
    killed.child.kill('SIGKILL');
    await killed.exit;
    expect(isAlive(server)).toBe(true);

    const next = command(dir, 'import', 'b.jsonl');
    expect(await next.exit).toBe(0);
    expect(next.err()).toMatch(/already serves .* sharing it \(no other live user: adopting it\)/);
    expect(JSON.parse(next.out())).toEqual({ imported: 40, updated: 0, unchanged: 0, rejected: 0 });
    await until('the server to stop', () => !isAlive(server), 15_000);
    expect(serverPid(dir)).toBeNull();
  }, 150_000);
});
