import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDirLock } from './dir-lock.js';
import { freePort } from './free-port.js';
import { isAlive } from './process-alive.js';
import { startServerProcess } from './server-process.js';
import { liveUsers, openSharedServer, type ServerMarker } from './shared-server.js';

// A stand-in database server: node listening on the port it is given (a stalled one never listens).
const SERVE = "require('node:net').createServer((s) => s.end()).listen(Number(process.argv[1]), '127.0.0.1')";
const STALL = 'setInterval(() => {}, 1000)';

function serverDir(): string {
  return mkdtempSync(join(tmpdir(), 'gh-shared-'));
}

function starter(dir: string, started: number[]) {
  return async (): Promise<ServerMarker> => {
    const port = await freePort();
    const pid = await startServerProcess(process.execPath, ['-e', SERVE, String(port)], port, join(dir, 'server.log'), () => undefined);
    started.push(pid);
    return { pid, port, uri: `mongodb://127.0.0.1:${port}/`, binary: process.execPath };
  };
}

describe('a server shared by the processes using one data directory', () => {
  it('starts one server for concurrent users, and stops it when the last one leaves', async () => {
    const dir = serverDir();
    const started: number[] = [];
    const open = () => openSharedServer({ dir, name: 'test server', log: () => undefined, start: starter(dir, started) });
    const [a, b, c] = await Promise.all([open(), open(), open()]);
    expect(started).toHaveLength(1);
    expect(new Set([a.uri, b.uri, c.uri]).size).toBe(1);
    await a.stop();
    await b.stop();
    expect(isAlive(started[0])).toBe(true);
    await c.stop();
    expect(isAlive(started[0])).toBe(false);
    expect(existsSync(join(dir, 'server.json'))).toBe(false);
    expect(readdirSync(join(dir, 'users'))).toEqual([]);
  });

  it('ignores users that died without leaving, and adopts a server whose starter was killed', async () => {
    const dir = serverDir();
    const started: number[] = [];
    const first = await openSharedServer({ dir, name: 'test server', log: () => undefined, start: starter(dir, started) });
    // What a SIGKILLed starter leaves: its registration (under a pid no process has now) and the running server.
    writeFileSync(join(dir, 'users', '999999999-dead'), '');
    // …and one whose pid was reused since by a live process (this one) that started later.
    writeFileSync(join(dir, 'users', `${process.pid}-reused`), '1');
    const lines: string[] = [];
    const second = await openSharedServer({ dir, name: 'test server', log: (l) => lines.push(l), start: starter(dir, started) });
    expect(second.uri).toBe(first.uri);
    expect(lines.join('\n')).toMatch(/already serves .* sharing it/);
    await first.stop();
    expect(isAlive(started[0])).toBe(true);
    expect(liveUsers(join(dir, 'users'))).toEqual([process.pid]);
    await second.stop();
    expect(started).toHaveLength(1);
    expect(isAlive(started[0])).toBe(false);
  });

  it('replaces a server that died or stopped answering', async () => {
    const dir = serverDir();
    const started: number[] = [];
    const stalled = spawn(process.execPath, ['-e', STALL], { stdio: 'ignore' });
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('exit', r));
    for (const [pid, expected] of [[dead.pid!, /pid \d+ in .*server\.json is gone/], [stalled.pid!, /pid \d+ does not answer on port 1; replacing it/]] as const) {
      writeFileSync(join(dir, 'server.json'), JSON.stringify({ pid, port: 1, uri: 'mongodb://127.0.0.1:1/', binary: process.execPath }));
      const lines: string[] = [];
      const h = await openSharedServer({ dir, name: 'test server', log: (l) => lines.push(l), start: starter(dir, started) });
      expect(lines.join('\n')).toMatch(expected);
      await h.stop();
    }
    expect(started).toHaveLength(2);
    expect(isAlive(stalled.pid!)).toBe(false);
  });

  it('breaks a lock left by a dead process, and serialises live holders', async () => {
    const dir = serverDir();
    const lock = join(dir, 'lock');
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), '999999999');
    const order: string[] = [];
    const hold = (name: string) => withDirLock(lock, 5_000, async () => {
      order.push(`${name}+`);
      await new Promise((r) => setTimeout(r, 50));
      order.push(`${name}-`);
    });
    await Promise.all([hold('a'), hold('b')]);
    expect(order).toEqual(['a+', 'a-', 'b+', 'b-']);
    expect(existsSync(lock)).toBe(false);
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), String(process.pid));
    await expect(withDirLock(lock, 200, async () => undefined)).rejects.toThrow(/held by pid \d+ for more than 0\.2 s/);
  });
});
