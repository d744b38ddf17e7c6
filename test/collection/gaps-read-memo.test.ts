import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { CollectionRepository } from '../../src/collection/collection.repository.js';
import { CollectionGapSchema, CollectionHealthSchema } from '../../src/collection/collection.schema.js';
import { ReadMemo } from '../../src/platform/database/read-memo.js';

/** A database of its own, on a connection that reports its commands (as a replay's does). */
let connection: Connection;
let kept: CollectionRepository;
let plain: CollectionRepository;

beforeAll(async () => {
  const uri = process.env.GOLDENHOUR_TEST_MONGODB_URI!;
  connection = await mongoose.createConnection(uri, { dbName: `t_gaps_memo_${randomBytes(3).toString('hex')}`, serverSelectionTimeoutMS: 10_000, monitorCommands: true }).asPromise();
  const health = connection.model('CollectionHealth', CollectionHealthSchema);
  const gaps = connection.model('CollectionGap', CollectionGapSchema);
  kept = new CollectionRepository(health as never, gaps as never, new ReadMemo(connection));
  plain = new CollectionRepository(health as never, gaps as never, new ReadMemo(null));
});

afterAll(async () => {
  await connection.dropDatabase().catch(() => undefined);
  await connection.close();
});

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 2);
const at = (h: number) => new Date(T0 + h * H);

describe('CollectionRepository.gapsOf on a private database (ReadMemo)', () => {
  it('gives the ranged query’s answer for every window, before and after a gap is written', async () => {
    await kept.saveGap({ source: 's1', platform: 'weibo', brands: ['a', 'b'], since: at(2), until: at(5), reason: 'silent' });
    await kept.saveGap({ source: 's2', platform: 'jd', brands: ['a'], since: at(10) });
    await kept.saveGap({ source: 's3', platform: 'douyin', brands: ['b'], since: at(1), until: at(3) });
    const windows = [[0, 2], [0, 3], [2, 5], [5, 9], [4, 6], [9, 11], [11, 40], [0, 40]] as const;
    const both = async () => {
      for (const brand of ['a', 'b', 'c']) {
        for (const [f, t] of windows) expect(await kept.gapsOf(brand, at(f), at(t))).toEqual(await plain.gapsOf(brand, at(f), at(t)));
      }
    };
    await both();
    expect((await kept.gapsOf('a', at(0), at(40))).map((g) => g.source)).toEqual(['s1', 's2']);
    // The open gap closes: the kept read of brand a is stale and read again.
    await kept.saveGap({ source: 's2', platform: 'jd', brands: ['a'], since: at(10), until: at(12) });
    await both();
    expect((await kept.gapsOf('a', at(12), at(40))).map((g) => g.source)).toEqual([]);
  });
});
