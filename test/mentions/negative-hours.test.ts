import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BucketsService } from '../../src/mentions/buckets.service.js';
import { IngestService } from '../../src/mentions/ingest.service.js';
import { MentionsService } from '../../src/mentions/mentions.service.js';
import { NegativesRepository } from '../../src/mentions/negatives.repository.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const HOUR = 3_600_000;
const END = Date.parse('2026-11-20T12:00:00Z');
const BAD = 'Acme delivery was late and the soup cold, terrible';

/**
 * Negative highlights are stored per brand and 6-hour UTC block of publication: the latest of a brand come from its
 * newest blocks (no other brand's read), a re-sighting's engagement reaches its block, older blocks are found over a
 * long range, and a database of the layouts before (a collection per block of all brands, per day, or per hour) is
 * regrouped into brand blocks by `goldenhour migrate` with the same answers.
 */
describe('negative highlights by brand and 6-hour block', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ label: 'negative-hours', config: { brands: [acmeBrand, { id: 'bolt', name: 'Bolt Coffee', names: { en: 'Bolt Coffee', zh: '宝尔特' }, aliases: ['bolt'], keywords: ['bolt'], competitors: [], timezone: 'Asia/Shanghai' }] } });
  });
  afterAll(async () => t.close());

  const ingest = (items: object[]) => t.app.get(IngestService).ingest(items, { source: 'test/negative-hours' });
  const latest = (brand: string, days: number, limit = 200) => t.app.get(MentionsService).latestNegative({ brand, from: new Date(END - days * 24 * HOUR), to: new Date(END), limit });
  const names = async () => (await t.connection.db!.listCollections({ name: { $regex: '^negatives_' } }, { nameOnly: true }).toArray()).map((c) => c.name).sort();

  it('stores each block apart, reads the newest blocks first, applies re-sightings and finds blocks past the first day', async () => {
    const items = [];
    // acme: 5 negatives an hour over the last 6 hours, one 9 days back; bolt: 2 an hour (each brand in its own blocks).
    for (let h = 0; h < 6; h++) for (let i = 0; i < 5; i++) items.push(mention({ externalId: `a${h}-${i}`, text: BAD, publishedAt: new Date(END - h * HOUR - (i + 1) * 7 * 60_000).toISOString(), engagement: { likes: h * 10 + i, shares: 0, comments: 0, views: 0 } }));
    for (let h = 0; h < 6; h++) for (let i = 0; i < 2; i++) items.push(mention({ brand: 'bolt', externalId: `b${h}-${i}`, text: 'Bolt coffee was cold and terrible', publishedAt: new Date(END - h * HOUR - (i + 1) * 11 * 60_000).toISOString() }));
    items.push(mention({ externalId: 'old', text: BAD, publishedAt: new Date(END - 9 * 24 * HOUR).toISOString() }));
    await ingest(items);
    expect(await names()).toEqual(['negatives_20261111_12_acme', 'negatives_20261120_06_acme', 'negatives_20261120_06_bolt']);
    expect(await t.connection.db!.collection('negatives_20261120_06_bolt').countDocuments({ brand: { $ne: 'bolt' } })).toBe(0);

    const twelve = await latest('acme', 1, 12);
    expect(twelve.map((h) => h.externalId)).toEqual(['a0-0', 'a0-1', 'a0-2', 'a0-3', 'a0-4', 'a1-0', 'a1-1', 'a1-2', 'a1-3', 'a1-4', 'a2-0', 'a2-1']);
    expect(twelve.every((h) => h.brand === 'acme')).toBe(true);
    expect((await latest('bolt', 1)).length).toBe(12);
    // Nine days back is past the blocks read one by one: found from the listed blocks.
    expect((await latest('acme', 30)).map((h) => h.externalId)).toHaveLength(31);
    expect((await latest('acme', 30)).at(-1)!.externalId).toBe('old');

    // A re-sighting with more engagement is an engagement patch in the highlight's block.
    await ingest([mention({ externalId: 'a3-2', text: BAD, publishedAt: new Date(END - 3 * HOUR - 3 * 7 * 60_000).toISOString(), engagement: { likes: 500, shares: 0, comments: 0, views: 0 } })]);
    expect((await latest('acme', 1)).find((h) => h.externalId === 'a3-2')?.engagement).toBe(500);
  });

  it('regroups the day and hour collections of the layouts before blocks (migrate): the same highlights, none of them left, a re-run a no-op', async () => {
    const before = { acme: await latest('acme', 30), bolt: await latest('bolt', 30) };
    // Turn the highlights into the earlier layouts: 20 November's bolt one block of all brands, acme's one collection per
    // UTC hour; 11 November one per UTC day.
    for (const name of await names()) {
      const docs = await t.connection.db!.collection(name).find({}).toArray();
      const hourOf = new Map(docs.filter((d) => !d.of).map((d) => [d._id, (d.publishedAt as Date).getUTCHours()]));
      await t.connection.db!.dropCollection(name);
      const block = name.replace(/_[a-z]+$/, '');
      for (const d of docs) {
        const target = name.startsWith('negatives_20261111') ? block.slice(0, -3) : name.endsWith('_bolt') ? block : `${block.slice(0, -3)}_${String(hourOf.get(d.of ?? d._id)).padStart(2, '0')}`;
        await t.connection.db!.collection(target).insertOne(d);
      }
    }
    expect(await names()).toEqual(['negatives_20261111', 'negatives_20261120_06', 'negatives_20261120_07', 'negatives_20261120_08', 'negatives_20261120_09', 'negatives_20261120_10', 'negatives_20261120_11']);
    expect(await t.connection.db!.collection('negatives_20261120_06').countDocuments({ brand: 'bolt' })).toBe(12);
    expect((await latest('acme', 30)).length).toBeLessThan(before.acme.length);

    expect(await t.app.get(BucketsService).digestMissingDays()).toBeGreaterThanOrEqual(7);
    expect(await names()).toEqual(['negatives_20261111_12_acme', 'negatives_20261120_06_acme', 'negatives_20261120_06_bolt']);
    expect({ acme: await latest('acme', 30), bolt: await latest('bolt', 30) }).toEqual(before);
    expect(await t.app.get(NegativesRepository).regroupEarlierLayouts()).toBe(0);
  });
});
