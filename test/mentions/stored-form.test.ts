import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { derivedContribution } from '../../src/core/mention/stored-form.js';
import type { StoredMention } from '../../src/mentions/mention.js';
import { ReanalyzeService } from '../../src/mentions/reanalyze.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';
import { storedMentions } from '../support/stored.js';

/**
 * A mention is stored without what its own fields give (`counted`, and `lastSeenAt` while it is
 * `firstSeenAt`); readers get it back whole, and mentions an earlier version stored with those fields read
 * the same and count the same.
 */
describe('stored form of mentions', () => {
  let t: TestApp;
  const read = (id: string) => t.app.get(ReanalyzeService).mention(id);
  const raw = async (id: string) => (await storedMentions(t.connection, { _id: id }))[0]!;
  const post = async (items: unknown[]) => expect((await t.request('/api/v1/mentions', { method: 'POST', as: 'responder', json: items })).status).toBe(200);
  /** Writes a mention back in the earlier layout: every field, `counted` as given. */
  const asEarlierLayout = async (m: StoredMention, counted: StoredMention['counted']) => {
    for (const c of await t.connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
      if (/^mentions_\d{8}$/.test(c.name)) await t.connection.db!.collection(c.name).replaceOne({ _id: m._id as never }, { ...m, counted });
    }
  };

  beforeAll(async () => {
    t = await startTestApp({ label: 'stored-form', config: { brands: [acmeBrand] } });
    await post([
      mention({ externalId: 'f1', text: '阿克米外卖配送很快，但是味道太差了，还有头发', engagement: { likes: 3, shares: 1, comments: 0, views: 10 } }),
      mention({ externalId: 'f2', text: 'Acme delivery was late again, but the staff were friendly', publishedAt: '2026-11-20T08:05:00Z' }),
    ]);
  });
  afterAll(async () => t.close());

  it('stores a new mention without its contribution and second sighting time, and reads them back', async () => {
    const stored = await raw('weibo:f1');
    expect(stored).not.toHaveProperty('counted');
    expect(stored).not.toHaveProperty('lastSeenAt');
    const m = (await read('weibo:f1'))!;
    expect(m.lastSeenAt).toEqual(m.firstSeenAt);
    expect(m.counted).toEqual(derivedContribution(m));
    expect(m.counted).toMatchObject({ brand: 'acme', platform: 'weibo', likes: 3, shares: 1 });
    expect(Object.keys(m).slice(-2)).toEqual(['counted', 'rev']);
  });

  it('reads a mention of the earlier layout as it was stored', async () => {
    const m = (await read('weibo:f2'))!;
    await asEarlierLayout(m, m.counted);
    expect(await raw('weibo:f2')).toHaveProperty('counted');
    expect(await read('weibo:f2')).toEqual(m);
  });

  it('keeps the contribution of a mention counted before aspects had counters until a re-analysis counts its aspects', async () => {
    const m = (await read('weibo:f1'))!;
    expect(m.aspects?.length).toBeGreaterThan(0);
    const { aspects: _a, ...countedBefore } = m.counted;
    await asEarlierLayout(m, countedBefore);
    expect((await read('weibo:f1'))!.counted).toEqual(countedBefore);
    await t.app.get(ReanalyzeService).run({ since: new Date('2026-11-20T00:00:00Z'), brand: 'acme' });
    const after = (await read('weibo:f1'))!;
    expect(after.counted.aspects).toEqual(derivedContribution(after).aspects);
    expect(await raw('weibo:f1')).not.toHaveProperty('counted');
  });

  it('counts a re-sighting that changes the text of an earlier-layout mention from its new fields', async () => {
    await post([mention({ externalId: 'f2', text: 'Acme delivery was late again and the food was cold', publishedAt: '2026-11-20T08:05:00Z', engagement: { likes: 9, shares: 0, comments: 2, views: 0 } })]);
    const m = (await read('weibo:f2'))!;
    expect(m.text).toBe('Acme delivery was late again and the food was cold');
    expect(m.counted).toEqual(derivedContribution(m));
    expect(m.counted).toMatchObject({ likes: 9, comments: 2 });
    expect(await raw('weibo:f2')).not.toHaveProperty('counted');
  });
});
