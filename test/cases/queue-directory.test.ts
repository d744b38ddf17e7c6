import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CaseQueueDirectory } from '../../src/cases/case-queue-directory.js';
import { keyCode } from '../../src/core/cases/queue-partitions.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand } from '../support/factories.js';

describe('the reply queue directory (entry counts per key and partition, kept as inserted deltas)', () => {
  let t: TestApp;
  let directory: CaseQueueDirectory;
  beforeAll(async () => {
    t = await startTestApp({ label: 'case-directory', config: { brands: [acmeBrand] } });
    directory = new CaseQueueDirectory(() => t.connection.db!);
  });
  afterAll(async () => t.close());

  const docsOf = (key: string) => t.connection.db!.collection(`case_queue_dir_${keyCode(key)}`).countDocuments({});

  it('counts every change exactly through its folds, forgets emptied partitions, and keeps a key to a few documents', async () => {
    const key = 'brand=acme';
    for (let i = 0; i < 60; i++) {
      await directory.add(new Map([[key, { '202611200800w10': 1, ...(i % 2 ? { '202611200810w10': -1 } : { '202611200810w10': 1 }) }]]));
      // Reading folds once deltas pile up, so a key's documents stay bounded however many batches wrote to it.
      if (i % 10 === 9) await directory.parts(key);
    }
    expect(await directory.parts(key)).toEqual({ '202611200800w10': 60 });
    expect(await docsOf(key)).toBeLessThan(30);
    expect(await directory.parts('brand=other')).toEqual({});
  });

  it('converts a directory stored with $inc counters (keys and pages documents) once, and drops the old collections', async () => {
    const db = t.connection.db!;
    await db.collection<{ _id: string; pages: Record<string, number> }>('case_queue_keys').insertOne({ _id: 'owner=zhang', pages: { '202611200800p10': 3, waiting: 1 } });
    await db.collection<{ _id: string; parts: Record<string, number>; n: number }>('case_queue_pages').insertMany([
      { _id: 'owner=zhang\n202611200800p10', parts: { '202611200800w10': 2, '202611200810w10': 1, '202611200820w10': 0 }, n: 3 },
      { _id: 'owner=zhang\nwaiting', parts: { waiting: 1 }, n: 1 },
    ]);
    await directory.convertOld();
    await directory.convertOld();
    expect(await directory.parts('owner=zhang')).toEqual({ '202611200800w10': 2, '202611200810w10': 1, waiting: 1 });
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).not.toContain('case_queue_pages');
    expect(names).not.toContain('case_queue_keys');
  });
});
