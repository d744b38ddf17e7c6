import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MentionStates } from '../../src/mentions/mention-states.js';
import { MentionsService } from '../../src/mentions/mentions.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';
import { storedMentions } from '../support/stored.js';

const NOW = '2026-11-20T08:00:00Z';
const MONTH_AGO = '2026-10-21T09:02:00Z';

/**
 * Re-sightings on the real database: a mention stored a month ago, re-seen by this daemon (which knows
 * it), by a daemon that has never seen it, and by two daemons at once. Counters must move by exactly
 * the engagement change whichever path handled it.
 */
describe('re-ingest of stored mentions', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ label: 'reingest', config: { brands: [acmeBrand] } });
    // A second daemon on the same database (its own process state, same collections).
    b = await startTestApp({ label: 'reingest-b', config: { brands: [acmeBrand], dbName: a.config.dbName }, dropOnClose: false });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const bucket = async (t: TestApp) => {
    const res = await t.request(`/api/v1/buckets?brand=acme&from=2026-10-21T09:00:00Z&to=2026-10-21T09:05:00Z`);
    return ((await res.json()) as Record<string, number>[])[0]!;
  };
  const push = async (t: TestApp, body: unknown) => (await t.request('/api/v1/mentions', { method: 'POST', json: body })).json();
  const old = (over: Record<string, unknown> = {}) => mention({ externalId: 'old-1', text: 'Found a hair in my Acme noodles, disgusting', publishedAt: MONTH_AGO, engagement: { likes: 5, shares: 2, comments: 1, views: 100 }, ...over });

  it('updates the engagement and counters of a mention stored 30 days ago, exactly, from either daemon', async () => {
    expect(a.clock.now().toISOString()).toBe(new Date(NOW).toISOString());
    expect(await push(a, old())).toMatchObject({ imported: 1 });
    expect(await bucket(a)).toMatchObject({ total: 1, negative: 1, likes: 5, shares: 2, comments: 1, views: 100 });

    // The same daemon, which knows the mention: only the engagement moves.
    expect(await push(a, old({ engagement: { likes: 50, shares: 20, comments: 4, views: 900 } }))).toMatchObject({ updated: 1 });
    expect(await bucket(a)).toMatchObject({ total: 1, negative: 1, likes: 50, shares: 20, comments: 4, views: 900 });

    // A daemon that never saw it reads it from its partitions once, then counts the change exactly.
    expect(await push(b, old({ engagement: { likes: 70, shares: 25, comments: 4, views: 900 } }))).toMatchObject({ updated: 1 });
    expect(await bucket(b)).toMatchObject({ total: 1, negative: 1, likes: 70, shares: 25, comments: 4, views: 900 });

    // The first daemon's cache is now stale: its write clashes on the revision, re-reads, and still counts exactly.
    expect(await push(a, old({ engagement: { likes: 71, shares: 25, comments: 4, views: 900 } }))).toMatchObject({ updated: 1 });
    expect(await bucket(a)).toMatchObject({ total: 1, likes: 71, shares: 25 });
    expect(await push(a, old({ engagement: { likes: 71, shares: 25, comments: 4, views: 900 } }))).toMatchObject({ unchanged: 1 });

    const docs = await storedMentions(a.connection, { externalId: 'old-1' });
    expect(docs).toHaveLength(1);
    expect((await a.app.get(MentionsService).get('weibo', 'old-1', a.clock.now()))!.engagement).toEqual({ likes: 71, shares: 25, comments: 4, views: 900 });
  });

  it('moves every counter when the text changes, and keeps them exact when two daemons race on one mention', async () => {
    expect(await push(a, old({ text: 'Acme noodles were lovely today', engagement: { likes: 71, shares: 25, comments: 4, views: 900 } }))).toMatchObject({ updated: 1 });
    expect(await bucket(a)).toMatchObject({ total: 1, negative: 0, positive: 1, likes: 71 });
    expect(await storedMentions(a.connection, { externalId: 'old-1', text: 'Acme noodles were lovely today' })).toHaveLength(1);

    // Both daemons forget what they know, then race with different engagement many times over.
    a.app.get(MentionStates).clear();
    b.app.get(MentionStates).clear();
    const rounds = Array.from({ length: 6 }, (_, i) => i);
    await Promise.all(rounds.flatMap((i) => [
      push(a, old({ text: 'Acme noodles were lovely today', engagement: { likes: 100 + i, shares: 30, comments: 4, views: 900 } })),
      push(b, old({ text: 'Acme noodles were lovely today', engagement: { likes: 200 + i, shares: 31, comments: 4, views: 900 } })),
    ]));
    // Whatever order they landed in, the counters hold exactly the engagement of the last revision.
    const latest = (await a.app.get(MentionsService).get('weibo', 'old-1', a.clock.now()))!.engagement;
    expect(await bucket(a)).toMatchObject({ total: 1, positive: 1, likes: latest.likes, shares: latest.shares, comments: 4, views: 900 });
  });
});
