import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '../../src/platform/clock.js';
import { RetentionJob } from '../../src/privacy/retention.job.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { mention } from '../support/factories.js';
import { storedMentions } from '../support/stored.js';
import { everything, privacyConfig, seedPeople, wang, wangPosts } from './support.js';

const DAY = 86_400_000;
const subject = `/api/v1/privacy/subjects?platform=weibo&author=${encodeURIComponent(wang.handle)}`;

describe('personal data beyond the mention store: notes, labels, recipe fields', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-20T08:10:00Z');

  beforeAll(async () => {
    t = await startTestApp({ label: 'privacy_coverage', clock, config: privacyConfig });
    await seedPeople(t, clock);
    const incidents = (await (await t.request('/api/v1/incidents?brand=acme')).json()) as { incidents: { id: string }[] };
    const id = encodeURIComponent(incidents.incidents[0]!.id);
    await t.request(`/api/v1/incidents/${id}/note`, { method: 'POST', as: 'responder', json: { text: 'Called Wang Fang back (@wang_fang), refund agreed' } });
    await t.request(`/api/v1/incidents/${id}/note`, { method: 'POST', as: 'responder', json: { text: '客户@wang_fang来电，已退款' } });
    await t.request(`/api/v1/incidents/${id}/note`, { method: 'POST', as: 'responder', json: { text: 'Li Lei asked for a voucher' } });
    expect((await t.request('/api/v1/mentions/weibo:wang-3/sentiment', { method: 'POST', as: 'responder', json: { label: 'negative' } })).status).toBe(200);
    await t.connection.db!.collection('sentiment_labels').insertMany([
      { _id: 'import-wang' as never, brand: 'acme', text: String(wangPosts[1]!.text), label: 'positive', source: 'import', by: 'import', at: clock.now() },
      { _id: 'import-other' as never, brand: 'acme', text: '阿克米的汤很好喝', label: 'positive', source: 'import', by: 'import', at: clock.now() },
    ]);
  });
  afterAll(async () => t.close());

  it('exports the staff notes that name the person and the labels that copy their posts', async () => {
    const doc = (await (await t.request(subject)).json()) as { counts: Record<string, number>; copies: { kind: string; where: string; data: unknown }[] };
    expect(doc.counts).toEqual(expect.objectContaining({ incidentNote: 2, sentimentLabel: 2 }));
    expect(doc.copies.filter((c) => c.kind === 'sentimentLabel').map((c) => c.where).sort()).toEqual(['sentiment_labels/correction:weibo:wang-3', 'sentiment_labels/import-wang']);
    expect(JSON.stringify(doc)).not.toContain('Li Lei');
  });

  it('erases them: names in notes replaced, labels removed, other people\'s left', async () => {
    expect((await t.request(subject, { method: 'DELETE' })).status).toBe(200);
    const incident = await t.connection.db!.collection<{ notes: { text: string; by: string }[] }>('incidents_202611').findOne({}); // stored by the month its alert names
    expect(incident!.notes.map((n) => n.text)).toEqual(['Called [removed on request] back ([removed on request]), refund agreed', '客户[removed on request]来电，已退款', 'Li Lei asked for a voucher']);
    expect(incident!.notes.every((n) => n.by)).toBe(true);
    const labels = await t.connection.db!.collection('sentiment_labels').find({}).toArray();
    expect(labels.map((l) => String(l._id))).toEqual(['import-other']);
    const all = await everything(t.connection);
    for (const marker of ['wangmarker1', 'wangmarker2', 'wangmarker3', 'Wang Fang', 'wang_fang']) expect(all).not.toContain(marker);
  });

  it('masks personal identifiers in a recipe\'s extra fields before storing them', async () => {
    const post = mention({ externalId: 'extra-1', text: 'Acme order arrived', extra: { buyerNote: '联系我 13912345678 或 jane.doe@example.com', stars: 4 } });
    expect(((await (await t.request('/api/v1/mentions', { method: 'POST', as: 'responder', json: post })).json()) as { imported: number }).imported).toBe(1);
    const [stored] = await storedMentions(t.connection, { _id: 'weibo:extra-1' });
    expect(stored!.extra).toEqual({ buyerNote: '联系我 139****5678 或 j***@example.com', stars: 4 });
  });
});

describe('retention of stories, cases, labels, and of posts already purged', () => {
  let t: TestApp;
  const now = new Date('2026-11-20T08:00:00Z');
  const old = new Date(now.getTime() - 100 * DAY);
  const oldDay = '20260812';
  const post = (m: Record<string, unknown>) => ({ platform: 'weibo', url: `https://weibo.example/${m.id}`, author: 'Zhao Min', text: `story post ${m.id}`, publishedAt: m.at, reach: 7, mention: `weibo:${m.id}` });

  beforeAll(async () => {
    t = await startTestApp({ label: 'privacy_retention_more', clock: new ManualClock(now), config: privacyConfig });
    const db = t.connection.db!;
    await db.collection(`stories_${oldDay}`).insertOne({ _id: 'old-story' as never, brand: 'acme', first: post({ id: 's1', at: old }), top: post({ id: 's2', at: old }), mentions: 12, platforms: { weibo: 12 } });
    await db.collection('stories_20261119').insertOne({ _id: 'new-story' as never, brand: 'acme', first: post({ id: 's3', at: now }), top: post({ id: 's3', at: now }), mentions: 3, platforms: { weibo: 3 } });
    await db.collection(`story_members_${oldDay}`).insertMany([{ _id: 'weibo:s1' as never, s: 'old-story', by: 'band' }, { _id: 'weibo:s2' as never, s: 'old-story', by: 'band' }]);
    await db.collection(`story_keys_${oldDay}`).insertOne({ _id: 'acme|b|1' as never, s: 'old-story' });
    const kase = (id: string, resolvedAt: Date) => ({ _id: id, brand: 'acme', platform: 'jd', state: 'resolved', threadKey: `t-${id}`, author: { name: 'Zhao Min', hash: 'h1', followers: 20 }, text: `cold food ${id}`, url: `https://jd.example/${id}`, mentions: [{ id: `jd:${id}`, url: `https://jd.example/${id}`, text: `cold food ${id}`, at: resolvedAt }], history: [{ at: resolvedAt, by: 'amy', action: 'resolve' }], resolvedAt, version: 3 });
    await db.collection('cases_closed').insertMany([kase('old-case', old), kase('new-case', now)] as never[]);
    await db.collection('sentiment_labels').insertMany([
      { _id: 'old-label' as never, brand: 'acme', text: 'old text', label: 'negative', source: 'import', by: 'import', at: new Date(now.getTime() - 400 * DAY) },
      { _id: 'new-label' as never, brand: 'acme', text: 'new text', label: 'negative', source: 'import', by: 'import', at: now },
    ]);
    await db.collection('erased_mentions').insertMany([{ _id: 'tomb-old' as never, d: oldDay }, { _id: 'tomb-new' as never, d: '20261119' }, { _id: 'tomb-undated' as never }]);
  });
  afterAll(async () => t.close());

  it('keeps a story\'s counts and drops its posts and member index, removes a resolved case\'s texts, and old labels', async () => {
    const removed = await t.app.get(RetentionJob).purge();
    expect(removed).toEqual(expect.objectContaining({ storyCopy: 1, storyIndex: 3, caseCopy: 1, sentimentLabel: 1, erasedTombstone: 1 }));
    const db = t.connection.db!;
    const story = await db.collection(`stories_${oldDay}`).findOne({});
    expect({ first: story!.first, mentions: story!.mentions }).toEqual({ first: { mention: '', platform: 'weibo', text: '[removed under retention]', publishedAt: old, reach: 7 }, mentions: 12 });
    expect((await db.collection('stories_20261119').findOne({}))!.first.text).toBe('story post s3');
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names.filter((n) => n.endsWith(oldDay)).sort()).toEqual([`stories_${oldDay}`]);
    const cases = await db.collection('cases_closed').find({}).sort({ _id: 1 }).toArray();
    expect(cases.map((c) => [c._id, c.text, c.url ?? null, c.author, c.history.length])).toEqual([
      ['new-case', 'cold food new-case', 'https://jd.example/new-case', { name: 'Zhao Min', hash: 'h1', followers: 20 }, 1],
      ['old-case', '[removed under retention]', null, { followers: 20 }, 1],
    ]);
    expect((await db.collection('sentiment_labels').find({}).toArray()).map((l) => l._id)).toEqual(['new-label']);
    expect((await db.collection('erased_mentions').find({}).sort({ _id: 1 }).toArray()).map((l) => l._id)).toEqual(['tomb-new', 'tomb-undated']);
    expect(await t.app.get(RetentionJob).purge()).toEqual({});
  });

  it('does not store again a post of a day already purged (it would be counted twice)', async () => {
    const items = [
      mention({ externalId: 'late-old', text: 'Acme was fine', publishedAt: new Date(now.getTime() - 95 * DAY).toISOString() }),
      mention({ externalId: 'late-new', text: 'Acme was fine', publishedAt: new Date(now.getTime() - 80 * DAY).toISOString() }),
    ];
    const res = (await (await t.request('/api/v1/mentions', { method: 'POST', as: 'responder', json: items })).json()) as { imported: number; unchanged: number };
    expect(res).toEqual(expect.objectContaining({ imported: 1, unchanged: 1 }));
    expect((await storedMentions(t.connection)).map((m) => m._id)).toEqual(['weibo:late-new']);
  });
});
