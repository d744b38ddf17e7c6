import { describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from './process-alive.js';
import { ensureReplicaSet, mongodArgs, startMongod, type AdminCommand } from './mongod.js';

/** A replica set member as far as the launcher sees it: its stored config, and a primary after a few polls. */
function fakeMember(stored: { version: number; members: { _id: number; host: string }[] } | null, pollsToPrimary = 2) {
  const calls: Record<string, unknown>[] = [];
  let config = stored;
  let polls = 0;
  const admin: AdminCommand = async (cmd) => {
    calls.push(cmd);
    if ('replSetGetConfig' in cmd) {
      if (!config) throw Object.assign(new Error('no replset config has been received'), { code: 94 });
      return { config };
    }
    if ('replSetInitiate' in cmd || 'replSetReconfig' in cmd) {
      config = (cmd.replSetInitiate ?? cmd.replSetReconfig) as typeof config;
      return { ok: 1 };
    }
    if ('hello' in cmd) return { isWritablePrimary: config !== null && ++polls >= pollsToPrimary };
    throw new Error(`unexpected ${JSON.stringify(cmd)}`);
  };
  return { admin, calls, config: () => config };
}

describe('mongod as a single-node replica set', () => {
  it('runs on the given files, loopback only, as member of rs0', () => {
    expect(mongodArgs('/srv/data/mongod/db', 27999)).toEqual([
      '--dbpath', '/srv/data/mongod/db', '--bind_ip', '127.0.0.1', '--port', '27999', '--replSet', 'rs0', '--quiet',
    ]);
  });

  it('initiates the set once, on files that never had one, and waits until it is primary', async () => {
    const m = fakeMember(null);
    const lines: string[] = [];
    await ensureReplicaSet(m.admin, '127.0.0.1:27999', (l) => lines.push(l));
    expect(m.calls.filter((c) => 'replSetInitiate' in c)).toEqual([
      { replSetInitiate: { _id: 'rs0', version: 1, members: [{ _id: 0, host: '127.0.0.1:27999' }] } },
    ]);
    expect(m.calls.filter((c) => 'hello' in c)).toHaveLength(2);
    expect(lines.join('\n')).toMatch(/initiating replica set rs0 on 127\.0\.0\.1:27999/);
  });

  it('leaves a set alone when it already names this host', async () => {
    const m = fakeMember({ version: 3, members: [{ _id: 0, host: '127.0.0.1:27999' }] }, 1);
    await ensureReplicaSet(m.admin, '127.0.0.1:27999', () => undefined);
    expect(m.calls.map((c) => Object.keys(c)[0])).toEqual(['replSetGetConfig', 'hello']);
  });

  it('moves the member to the new port with a forced reconfig when the old port was taken', async () => {
    const m = fakeMember({ version: 3, members: [{ _id: 0, host: '127.0.0.1:27999' }] });
    await ensureReplicaSet(m.admin, '127.0.0.1:28123', () => undefined);
    expect(m.calls.find((c) => 'replSetReconfig' in c)).toEqual({
      replSetReconfig: { _id: 'rs0', version: 4, members: [{ _id: 0, host: '127.0.0.1:28123' }] },
      force: true,
    });
    expect(m.config()?.members[0].host).toBe('127.0.0.1:28123');
  });

  it('keeps asking while the server drops connections during the step up', async () => {
    const m = fakeMember(null, 1);
    let dropped = false;
    const flaky: AdminCommand = async (cmd) => {
      if ('hello' in cmd && !dropped) {
        dropped = true;
        throw new Error('connection 2 to 127.0.0.1:27999 closed');
      }
      return m.admin(cmd);
    };
    await ensureReplicaSet(flaky, '127.0.0.1:27999', () => undefined);
    expect(dropped).toBe(true);
  });

  it('gives up when no primary is elected in time, and passes on other server errors', async () => {
    await expect(ensureReplicaSet(fakeMember(null, Infinity).admin, 'h:1', () => undefined, 300)).rejects.toThrow(/elected no primary within 0\.3 s/);
    const broken: AdminCommand = async () => { throw Object.assign(new Error('not authorized'), { code: 13 }); };
    await expect(ensureReplicaSet(broken, 'h:1', () => undefined)).rejects.toThrow('not authorized');
  });

  describe('startMongod (a stand-in binary that records its arguments and listens)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-mongod-'));
    const argsFile = join(dir, 'args.json');
    const binary = join(dir, 'fake-mongod');
    writeFileSync(binary, `#!${process.execPath}
require('node:fs').writeFileSync(${JSON.stringify(argsFile)}, JSON.stringify(process.argv.slice(2)));
const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
require('node:net').createServer((s) => s.end()).listen(port, '127.0.0.1');
`);
    chmodSync(binary, 0o755);

    it('starts it detached on <dir>/db, initiates the set, and keeps the port for the next start', async () => {
      const m = fakeMember(null, 1);
      let closed = false;
      const marker = await startMongod(binary, dir, () => undefined, async () => ({ admin: m.admin, close: async () => { closed = true; } }));
      try {
        expect(JSON.parse(readFileSync(argsFile, 'utf8'))).toEqual(mongodArgs(join(dir, 'db'), marker.port));
        expect(marker).toMatchObject({ binary, uri: `mongodb://127.0.0.1:${marker.port}/?directConnection=true` });
        expect(readFileSync(join(dir, 'port'), 'utf8')).toBe(String(marker.port));
        expect(m.config()?.members[0].host).toBe(`127.0.0.1:${marker.port}`);
        expect(closed).toBe(true);
      } finally {
        process.kill(marker.pid, 'SIGKILL');
      }
    });

    it('stops the server it started when the replica set cannot be set up', async () => {
      let pid = 0;
      const failing: AdminCommand = async () => { throw new Error('boom'); };
      await expect(
        startMongod(binary, dir, (l) => { pid = Number(/pid (\d+)/.exec(l)?.[1] ?? pid); }, async () => ({ admin: failing, close: async () => undefined })),
      ).rejects.toThrow('boom');
      expect(pid).toBeGreaterThan(0);
      expect(isAlive(pid)).toBe(false);
    });
  });
});
