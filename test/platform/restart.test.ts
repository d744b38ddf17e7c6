import { describe, expect, it } from '@jest/globals';
import mongoose from 'mongoose';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../src/platform/database/embedded-database.js';
import { freePort } from '../../src/platform/database/free-port.js';
import { locateDownloadedMongod } from '../../src/platform/database/mongodb-download.js';

describe('embedded database launcher', () => {
  // No download from the internet: tests talk to 127.0.0.1 only.
  const env = { PATH: process.env.PATH, MONGOD_DOWNLOAD: '0' };
  const dataDir = mkdtempSync(join(tmpdir(), 'gh-restart-'));
  const opts = { dataDir, cacheDir: resolve('.cache/ferretdb'), env, log: () => undefined };

  it('keeps data across a stop and a start on the same data directory', async () => {
    const first = await openDatabase(opts);
    expect(first.kind).toBe('ferretdb');
    expect(first.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/\?maxPoolSize=1$/);
    const c1 = await mongoose.createConnection(first.uri, { dbName: 'persist' }).asPromise();
    await c1.collection('mentions').insertOne({ _id: 'weibo:1' as unknown as never, text: 'kept' });
    await c1.close();
    await first.stop();

    const second = await openDatabase(opts);
    const c2 = await mongoose.createConnection(second.uri, { dbName: 'persist' }).asPromise();
    expect(await c2.collection('mentions').findOne({ _id: 'weibo:1' as unknown as never })).toMatchObject({ text: 'kept' });
    await c2.close();
    await second.stop();
  });

  it('uses MONGODB_URI as given without starting anything', async () => {
    const h = await openDatabase({ ...opts, env: { ...env, MONGODB_URI: 'mongodb://127.0.0.1:1/' } });
    expect(h).toMatchObject({ kind: 'external', uri: 'mongodb://127.0.0.1:1/' });
    // mongodbUri from goldenhour.yaml, handed over by the caller.
    expect(await openDatabase({ ...opts, uri: 'mongodb://127.0.0.1:2/' })).toMatchObject({ kind: 'external', uri: 'mongodb://127.0.0.1:2/' });
  });

  it('fails with one error that says what to install when nothing can serve', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-nodb-'));
    await expect(
      openDatabase({ dataDir: dir, cacheDir: join(dir, 'cache'), env: { PATH: '/nonexistent', MONGOD_DOWNLOAD: '0', FERRETDB_BINARY: join(dir, 'missing-ferretdb') }, log: () => undefined }),
    ).rejects.toThrow(/no database available\. Set MONGODB_URI.*install MongoDB's mongod.*download MongoDB.*\n  - no mongod on PATH.*\n  - no MongoDB downloaded into .*\n  - FerretDB: FERRETDB_BINARY=.*does not exist$/s);
  }, 60_000);

  it('tries an installed mongod, then a downloaded one, then FerretDB, logging why each step passed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-order-'));
    // Stand-ins for mongod that record their arguments and refuse to start.
    const fakeMongod = (path: string) => {
      writeFileSync(path, `#!/bin/sh\necho "$@" > "$0.args"\necho "cannot run here" >&2\nexit 3\n`);
      chmodSync(path, 0o755);
      return path;
    };
    const installed = fakeMongod(join(dir, 'mongod'));
    const unpacked = join(dir, 'cache/mongodb/mongodb-linux-x64-test/bin');
    mkdirSync(unpacked, { recursive: true });
    const downloaded = fakeMongod(join(unpacked, 'mongod'));
    writeFileSync(join(unpacked, '.artifact_info'), '{}');
    const lines: string[] = [];
    const h = await openDatabase({
      dataDir: join(dir, 'data'),
      cacheDir: join(dir, 'cache/ferretdb'),
      env: { ...env, MONGOD_BINARY: installed, FERRETDB_BINARY: resolve('.cache/ferretdb/ferretdb') },
      log: (l) => lines.push(l),
    });
    await h.stop();
    expect(h.kind).toBe('ferretdb');
    const log = lines.join('\n');
    expect(log).toMatch(new RegExp(`mongod \\(MONGOD_BINARY: ${installed}\\)[^]*mongod at ${installed}: .* did not start: .*exited[^]*looking for a downloaded MongoDB`));
    expect(log).toMatch(/mongod \(downloaded before into .*cache\/mongodb: .*\/bin\/mongod\)[^]*downloaded mongod at .* did not start[^]*trying FerretDB on SQLite/);
    expect(log).toMatch(/FerretDB \(FERRETDB_BINARY\)/);
    const dbPath = join(dir, 'data/mongod/db');
    for (const bin of [installed, downloaded]) {
      expect(readFileSync(`${bin}.args`, 'utf8').trim()).toMatch(new RegExp(`^--dbpath ${dbPath} --bind_ip 127\\.0\\.0\\.1 --port \\d+ --replSet rs0 --quiet$`));
    }
  }, 60_000);

  it('gives up downloading MongoDB within seconds when the release list cannot be reached', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-download-'));
    // Refused: nothing listens on the port.
    let started = performance.now();
    const refused = await locateDownloadedMongod({ dir, log: () => undefined, versionListUrl: `http://127.0.0.1:${await freePort()}/full.json` });
    expect(refused).toMatchObject({ path: null, why: expect.stringMatching(/cannot download MongoDB: .* is unreachable \(ECONNREFUSED; offline\?\)/) });
    expect(performance.now() - started).toBeLessThan(3_000);
    // Silent: a network that drops packets, played by a server that accepts and never answers.
    const sockets: Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    started = performance.now();
    const timedOut = await locateDownloadedMongod({ dir, log: () => undefined, versionListUrl: `http://127.0.0.1:${port}/full.json` });
    const took = performance.now() - started;
    for (const s of sockets) s.destroy();
    silent.close();
    expect(timedOut).toMatchObject({ path: null, why: expect.stringMatching(/did not answer within 5 s \(offline\?\)/) });
    expect(took).toBeLessThan(8_000);
  }, 30_000);
});
