import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { ReadMemo } from '../../src/platform/database/read-memo.js';

/** A database of its own on the test run's server, on a connection that reports its commands (as a replay's does). */
let connection: Connection;
let memo: ReadMemo;

beforeAll(async () => {
  const uri = process.env.GOLDENHOUR_TEST_MONGODB_URI!;
  connection = await mongoose.createConnection(uri, { dbName: `t_read_memo_${randomBytes(3).toString('hex')}`, serverSelectionTimeoutMS: 10_000, monitorCommands: true }).asPromise();
  memo = new ReadMemo(connection);
});

afterAll(async () => {
  await connection.dropDatabase().catch(() => undefined);
  await connection.close();
});

/** Reads collection `name` through the memo; returns its documents' ids and whether the database was asked. */
async function read(name: string, key = 'all'): Promise<{ ids: string[]; asked: boolean }> {
  let asked = false;
  const docs = await memo.read(name, key, async () => {
    asked = true;
    return connection.db!.collection<{ _id: string }>(name).find({}).sort({ _id: 1 }).toArray();
  });
  return { ids: docs.map((d) => d._id), asked };
}

describe('ReadMemo (reads of a private database)', () => {
  it('keeps a read until this process writes its collection, whatever the kind of write', async () => {
    const a = connection.db!.collection<{ _id: string; n?: number }>('memo_a');
    await a.insertOne({ _id: 'a1' });
    expect(await read('memo_a')).toEqual({ ids: ['a1'], asked: true });
    expect(await read('memo_a')).toEqual({ ids: ['a1'], asked: false });
    // Another key of the same collection is a read of its own.
    expect((await read('memo_a', 'other')).asked).toBe(true);

    await a.insertOne({ _id: 'a2' });
    expect(await read('memo_a')).toEqual({ ids: ['a1', 'a2'], asked: true });
    await a.updateOne({ _id: 'a1' }, { $set: { n: 1 } });
    expect((await read('memo_a')).asked).toBe(true);
    await a.deleteOne({ _id: 'a2' });
    expect(await read('memo_a')).toEqual({ ids: ['a1'], asked: true });
    // Through mongoose's own collection object too (every write of the connection is seen).
    await connection.collection('memo_a').insertOne({ _id: 'a3' } as never);
    expect(await read('memo_a')).toEqual({ ids: ['a1', 'a3'], asked: true });
  });

  it('keeps the reads of other collections when one is written, and forgets all of them when the database is dropped', async () => {
    const b = connection.db!.collection<{ _id: string }>('memo_b');
    const c = connection.db!.collection<{ _id: string }>('memo_c');
    await b.insertOne({ _id: 'b1' });
    await c.insertOne({ _id: 'c1' });
    await read('memo_b');
    await read('memo_c');
    await c.insertOne({ _id: 'c2' });
    expect(await read('memo_b')).toEqual({ ids: ['b1'], asked: false });
    expect(await read('memo_c')).toEqual({ ids: ['c1', 'c2'], asked: true });

    await connection.dropDatabase();
    expect(await read('memo_b')).toEqual({ ids: [], asked: true });
    expect(await read('memo_c')).toEqual({ ids: [], asked: true });
  });

  it('does not keep a read that a write of its collection overtook', async () => {
    const d = connection.db!.collection<{ _id: string }>('memo_d');
    // The write is sent while the read is in flight: the read may or may not see it, so it is not kept.
    const reading = read('memo_d');
    await d.insertOne({ _id: 'd1' });
    await reading;
    expect(await read('memo_d')).toEqual({ ids: ['d1'], asked: true });
  });

  it('asks the database every time when off (a daemon sharing its database)', async () => {
    const off = new ReadMemo(null);
    let asked = 0;
    const once = () => off.read('memo_a', 'all', async () => ++asked);
    await once();
    await once();
    expect(asked).toBe(2);
  });
});
