import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AlertsService } from '../../src/alerts/alerts.service.js';
import { DetectionService } from '../../src/detection/detection.service.js';
import { LegacySignalsMigration } from '../../src/detection/legacy-signals.js';
import { LegacyMentionsMigration } from '../../src/mentions/legacy-migration.js';
import { MentionStates } from '../../src/mentions/mention-states.js';
import { MentionsService } from '../../src/mentions/mentions.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';
import { dropCollections, storedMentions } from '../support/stored.js';

const DAYS = ['2026-10-21T09:02:00Z', '2026-11-02T13:40:00Z', '2026-11-19T22:10:00Z'];

/**
 * A database written by the earlier layout (one `mentions` collection, `$inc` bucket counters, one
 * `signals` collection, closed alert groups kept) is moved by `goldenhour migrate`: counters equal
 * to what they were, every mention readable and re-sightable, legacy collections gone, a re-run a no-op.
 */
describe('goldenhour migrate (legacy layout)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ label: 'migrate', config: { brands: [acmeBrand] } });
  });
  afterAll(async () => t.close());

  const counts = async () => {
    const res = await t.request('/api/v1/buckets?brand=acme&from=2026-10-01T00:00:00Z&to=2026-11-20T08:00:00Z');
    const rows = (await res.json()) as Record<string, number>[];
    return rows.reduce((s, r) => ({ total: s.total + r.total, negative: s.negative + r.negative, likes: s.likes + r.likes }), { total: 0, negative: 0, likes: 0 });
  };

  it('moves mentions, rebuilds counters exactly and drops the legacy collections; a second run changes nothing', async () => {
    const items = DAYS.flatMap((publishedAt, d) => [
      mention({ externalId: `legacy-${d}-a`, text: 'Found a hair in my Acme noodles, disgusting', publishedAt, engagement: { likes: 5 + d, shares: 1, comments: 0, views: 10 } }),
      mention({ externalId: `legacy-${d}-b`, text: 'Acme noodles were lovely today', publishedAt, engagement: { likes: 2, shares: 0, comments: 0, views: 5 } }),
    ]);
    expect(await (await t.request('/api/v1/mentions', { method: 'POST', json: items })).json()).toMatchObject({ imported: 6 });
    const before = await counts();
    expect(before).toMatchObject({ total: 6, negative: 3 });

    // Turn the database into the earlier layout: the same documents in one collection, the new layout gone.
    const docs = await storedMentions(t.connection);
    await dropCollections(t.connection, 'mentions_', 'mention_keys', 'mention_revs_', 'journal_', 'counts_', 'topics_', 'negatives_');
    await t.connection.db!.collection('mentions').insertMany(docs as never[]);
    await t.connection.db!.collection('buckets').insertOne({ _id: 'acme|weibo|2026-10-21T09:00:00.000Z', brand: 'acme', total: 99 } as never);
    await t.connection.db!.collection('engagement_snapshots').insertOne({ mention: 'weibo:legacy-0-a', likes: 1 } as never);
    await t.connection.db!.collection('signals').insertOne({ _id: 'acme|volume_surge|//|2026-11-02T13:40:00.000Z', brand: 'acme', kind: 'volume_surge', scope: {}, scopeKey: 'acme|volume_surge|//', status: 'closed', startedAt: new Date('2026-11-02T13:40:00Z'), lastSeenAt: new Date('2026-11-02T14:40:00Z'), endedAt: new Date('2026-11-02T15:10:00Z'), strength: 0, peakStrength: 6, evidence: {}, history: [], updatedAt: new Date('2026-11-02T15:10:00Z') } as never);
    await t.connection.db!.collection('alert_groups').insertOne({ _id: 'closed-group', groupKey: 'g', closedAt: new Date('2026-11-02T15:10:00Z') } as never);
    t.app.get(MentionStates).clear();
    expect(await counts()).toMatchObject({ total: 0 });
    expect(await t.app.get(LegacyMentionsMigration).legacyCollections()).toEqual(['buckets', 'engagement_snapshots', 'mentions']);

    const first = await t.app.get(LegacyMentionsMigration).run();
    expect(first).toMatchObject({ found: 6, moved: 6, already: 0, dropped: ['buckets', 'engagement_snapshots', 'mentions'] });
    expect(await counts()).toEqual(before);
    expect(await t.app.get(LegacySignalsMigration).run()).toEqual({ moved: 1 });
    expect(await t.app.get(AlertsService).dropClosedGroups()).toBe(1);
    expect((await t.app.get(DetectionService).getSignal('acme|volume_surge|//|2026-11-02T13:40:00.000Z'))?.peakStrength).toBe(6);
    expect(await t.app.get(LegacyMentionsMigration).legacyCollections()).toEqual([]);

    // Nothing left to do: a second run finds no legacy collection and leaves the counters alone.
    expect(await t.app.get(LegacyMentionsMigration).run()).toEqual({ found: 0, moved: 0, already: 0, dropped: [] });
    expect(await t.app.get(LegacySignalsMigration).run()).toEqual({ moved: 0 });
    expect(await counts()).toEqual(before);

    // A migrated mention is found and re-sighted like any other: its engagement change counts exactly once.
    expect((await t.app.get(MentionsService).get('weibo', 'legacy-0-a', t.clock.now()))?.text).toContain('hair');
    const resighted = mention({ externalId: 'legacy-0-a', text: 'Found a hair in my Acme noodles, disgusting', publishedAt: DAYS[0], engagement: { likes: 50, shares: 1, comments: 0, views: 10 } });
    expect(await (await t.request('/api/v1/mentions', { method: 'POST', json: resighted })).json()).toMatchObject({ updated: 1 });
    expect(await counts()).toEqual({ ...before, likes: before.likes + 45 });
  });

  it('finishes a migration that was interrupted after part of the mentions were moved', async () => {
    const docs = await storedMentions(t.connection);
    // Half moved (keys claimed, documents in place), the rest only in the legacy collection.
    await dropCollections(t.connection, 'mentions_', 'mention_keys', 'counts_', 'topics_', 'negatives_');
    const half = Math.floor(docs.length / 2);
    await t.connection.db!.collection('mentions').insertMany(docs as never[]);
    for (const d of docs.slice(0, half)) await t.connection.db!.collection(`mention_keys_${dayOf(d.publishedAt as Date).slice(0, 6)}`).insertOne({ _id: d._id, day: dayOf(d.publishedAt as Date) } as never);
    for (const d of docs.slice(0, half)) await t.connection.db!.collection(`mentions_${dayOf(d.publishedAt as Date)}`).insertOne(d as never);
    t.app.get(MentionStates).clear();
    const r = await t.app.get(LegacyMentionsMigration).run();
    expect(r).toMatchObject({ found: docs.length, moved: docs.length - half, already: half });
    expect(await storedMentions(t.connection)).toHaveLength(docs.length);
    expect((await counts()).total).toBe(docs.length);
  });
});

function dayOf(d: Date): string {
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}
