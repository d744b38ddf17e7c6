import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MentionKeysRepository } from '../../src/mentions/mention-keys.repository.js';
import { MentionStates } from '../../src/mentions/mention-states.js';
import { ManualClock } from '../../src/platform/clock.js';
import { PrivacyService } from '../../src/privacy/privacy.service.js';
import { RetentionJob } from '../../src/privacy/retention.job.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';
import { dropCollections, storedMentions } from '../support/stored.js';

/**
 * Key claims live in `mention_keys_YYYYMM` by month of publication: a re-sighting is recognised however its
 * time moves within two days of a month start, retention drops a month of claims whole, erasure leaves no
 * claim behind, and a database with the earlier single `mention_keys` collection is read until migrated.
 */
describe('mention key claims by month', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ label: 'mention_keys', clock: new ManualClock('2026-11-20T08:00:00Z'), config: { brands: [acmeBrand] } });
  });
  afterAll(async () => t.close());

  const post = async (items: unknown) => (await (await t.request('/api/v1/mentions', { method: 'POST', json: items })).json()) as Record<string, number>;
  /** As after a restart that did not refill this mention's state: the next sighting finds it by its claims. */
  const forget = () => t.app.get(MentionStates).clear();
  const claimsOf = async (key: string) => {
    const out: Record<string, string> = {};
    for (const c of await t.connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
      if (!c.name.startsWith('mention_keys')) continue;
      const claim = await t.connection.db!.collection<{ _id: string; day: string }>(c.name).findOne({ _id: key });
      if (claim) out[c.name] = claim.day;
    }
    return out;
  };
  const where = async (externalId: string) => (await storedMentions(t.connection, { externalId })).map((m) => (m.publishedAt as Date).toISOString());
  const total = async (from: string, to: string) => ((await (await t.request(`/api/v1/buckets?brand=acme&from=${from}&to=${to}`)).json()) as { total: number }[]).reduce((s, b) => s + b.total, 0);

  // First, while the database has no month partition: the app looks for the legacy collection once.
  it('reads and extends the legacy mention_keys collection until goldenhour migrate moves it into months', async () => {
    await t.connection.db!.createCollection('mention_keys');
    expect(await post(mention({ externalId: 'old-1', publishedAt: '2026-11-10T09:00:00Z' }))).toMatchObject({ imported: 1 });
    // A database written earlier: the claim is in `mention_keys` only.
    await dropCollections(t.connection, 'mention_keys_');
    expect(await claimsOf('weibo:old-1')).toEqual({ mention_keys: '20261110' });
    forget();
    expect(await post(mention({ externalId: 'old-1', publishedAt: '2026-11-12T09:00:00Z', engagement: { likes: 9, shares: 0, comments: 0, views: 10 } }))).toMatchObject({ imported: 0, updated: 1 });
    expect(await where('old-1')).toEqual(['2026-11-12T09:00:00.000Z']);
    expect(await claimsOf('weibo:old-1')).toEqual({ mention_keys: '20261112', mention_keys_202611: '20261112' });

    expect(await t.app.get(MentionKeysRepository).migrateLegacy()).toBe(1);
    expect(await claimsOf('weibo:old-1')).toEqual({ mention_keys_202611: '20261112' });
    forget();
    expect(await post(mention({ externalId: 'old-1', publishedAt: '2026-11-12T09:00:00Z', engagement: { likes: 11, shares: 0, comments: 0, views: 10 } }))).toMatchObject({ imported: 0, updated: 1 });
    expect(await t.app.get(MentionKeysRepository).migrateLegacy()).toBe(0);
  });

  it('claims a post of the first two days of a month in the month before too', async () => {
    await post([mention({ externalId: 'edge-1', publishedAt: '2026-11-01T03:00:00Z' }), mention({ externalId: 'edge-2', publishedAt: '2026-11-02T23:00:00Z' }), mention({ externalId: 'mid-1', publishedAt: '2026-11-03T00:00:00Z' })]);
    expect(await claimsOf('weibo:edge-1')).toEqual({ mention_keys_202611: '20261101', mention_keys_202610: '20261101' });
    expect(await claimsOf('weibo:edge-2')).toEqual({ mention_keys_202611: '20261102', mention_keys_202610: '20261102' });
    expect(await claimsOf('weibo:mid-1')).toEqual({ mention_keys_202611: '20261103' });
  });

  it('keeps one mention, counted once, when its time moves across a month start and back', async () => {
    const at = (publishedAt: string, likes: number) => mention({ externalId: 'tz-1', text: 'Acme noodles were cold tonight', author: { name: 'Zhou Yu', handle: '@zhouyu' }, publishedAt, engagement: { likes, shares: 0, comments: 0, views: 10 } });
    expect(await post(at('2026-10-31T20:00:00Z', 1))).toMatchObject({ imported: 1 });
    // A scraper that reads Beijing time as UTC: eight hours later, the next month.
    forget();
    expect(await post(at('2026-11-01T04:00:00Z', 2))).toMatchObject({ imported: 0, updated: 1 });
    expect(await where('tz-1')).toEqual(['2026-11-01T04:00:00.000Z']);
    forget();
    expect(await post(at('2026-10-31T20:00:00Z', 3))).toMatchObject({ imported: 0, updated: 1 });
    expect(await where('tz-1')).toEqual(['2026-10-31T20:00:00.000Z']);
    // Two days later still (the claim months of 2 November include October).
    forget();
    expect(await post(at('2026-11-02T19:00:00Z', 4))).toMatchObject({ imported: 0, updated: 1 });
    expect(await where('tz-1')).toEqual(['2026-11-02T19:00:00.000Z']);
    expect(await total('2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z')).toBe(1 + 2);
    expect(await claimsOf('weibo:tz-1')).toEqual({ mention_keys_202610: '20261102', mention_keys_202611: '20261102' });
    // A mention the daemon knows moves any distance: its state names its partition.
    expect(await post(at('2026-10-05T19:00:00Z', 5))).toMatchObject({ imported: 0, updated: 1 });
    expect(await where('tz-1')).toEqual(['2026-10-05T19:00:00.000Z']);
    expect(await claimsOf('weibo:tz-1')).toEqual({ mention_keys_202610: '20261005', mention_keys_202611: '20261005' });
  });

  it('lists a post’s claims in an export and erases every one of them', async () => {
    const privacy = t.app.get(PrivacyService);
    const exported = await privacy.export({ mention: 'weibo:tz-1' }, 'test');
    expect(exported.copies.filter((c) => c.kind === 'mentionKey').map((c) => c.where).sort()).toEqual(['mention_keys_202610/weibo:tz-1', 'mention_keys_202611/weibo:tz-1']);
    const record = await privacy.erase({ mention: 'weibo:tz-1' }, 'test');
    expect(record.erased).toMatchObject({ mention: 1, mentionKey: 2 });
    expect(await claimsOf('weibo:tz-1')).toEqual({});
    expect(await where('tz-1')).toEqual([]);
  });

  it('drops a month of claims once every day of it is past retention, counted, and keeps the rest', async () => {
    // Now 2026-11-20, mentions kept 90 days: days before 2026-08-22 are due, so July's claims and its
    // copy of 1 August's go; August's stay until its last day is due.
    await post([mention({ externalId: 'jul-1', publishedAt: '2026-07-15T10:00:00Z' }), mention({ externalId: 'aug-1', publishedAt: '2026-08-01T10:00:00Z' }), mention({ externalId: 'aug-25', publishedAt: '2026-08-25T10:00:00Z' })]);
    const removed = await t.app.get(RetentionJob).purge();
    expect(removed).toMatchObject({ mention: 2, mentionKey: 2 });
    expect(await claimsOf('weibo:jul-1')).toEqual({});
    expect(await claimsOf('weibo:aug-1')).toEqual({ mention_keys_202608: '20260801' });
    expect(await claimsOf('weibo:aug-25')).toEqual({ mention_keys_202608: '20260825' });
    expect(await t.app.get(MentionKeysRepository).months()).toEqual(['202608', '202610', '202611']);
    expect((await t.app.get(RetentionJob).purge()).mentionKey).toBeUndefined();
  });
});
