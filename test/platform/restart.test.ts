import { describe, expect, it } from '@jest/globals';
import mongoose from 'mongoose';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../src/platform/database/embedded-database.js';

describe('embedded database launcher', () => {
  const env = { PATH: process.env.PATH };
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
  });

  it('fails with one error that says what to install when nothing can serve', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-nodb-'));
    await expect(
      openDatabase({ dataDir: dir, cacheDir: join(dir, 'cache'), env: { PATH: '/nonexistent', FERRETDB_BINARY: join(dir, 'missing-ferretdb') }, log: () => undefined }),
    ).rejects.toThrow(/no database available\. Set MONGODB_URI.*\n.*FERRETDB_BINARY=.*does not exist/s);
  }, 60_000);
});
