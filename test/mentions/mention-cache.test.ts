import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { engagementTuple } from '../../src/core/mention/journal.js';
import { MentionStates } from '../../src/mentions/mention-states.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const OLD = '2026-10-18T10:02:00Z';

/**
 * The mention cache's refill at start covers the last WARM_DAYS days, also those whose journal hours retention
 * has dropped (the journal is kept 30 days): a daemon started later knows a 33-day-old mention with its latest
 * revision, so a re-sighting with the same engagement writes nothing and a changed one counts exactly.
 */
describe('mention cache refill', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ label: 'mention-cache', config: { brands: [acmeBrand] } });
  });
  afterAll(async () => {
    await b?.close();
    await a.close();
  });

  const push = async (t: TestApp, body: unknown) => (await t.request('/api/v1/mentions', { method: 'POST', json: body })).json();
  const old = (engagement: Record<string, number>, observedAt: string) => mention({ externalId: 'old-c', text: 'Found a hair in my Acme noodles, disgusting', publishedAt: OLD, observedAt, engagement });
  const bucket = async (t: TestApp) => {
    const res = await t.request('/api/v1/buckets?brand=acme&from=2026-10-18T10:00:00Z&to=2026-10-18T10:05:00Z');
    return ((await res.json()) as Record<string, number>[])[0]!;
  };

  it('knows a mention of a day the journal no longer covers, with its latest revision, after a start', async () => {
    const seen = { likes: 9, shares: 3, comments: 1, views: 300 };
    expect(await push(a, old({ likes: 5, shares: 2, comments: 1, views: 100 }, OLD))).toMatchObject({ imported: 1 });
    expect(await push(a, old(seen, '2026-10-18T11:30:00Z'))).toMatchObject({ updated: 1 });
    expect(await push(a, mention({ externalId: 'recent-c' }))).toMatchObject({ imported: 1 });
    // Retention drops the journal hours of that day (kept 30 days); the documents and revisions stay.
    for (const hour of ['2026101810', '2026101811']) await a.connection.db!.dropCollection(`journal_${hour}`);

    // A daemon started now, on the same database.
    b = await startTestApp({ label: 'mention-cache-b', config: { brands: [acmeBrand], dbName: a.config.dbName }, dropOnClose: false });
    const states = b.app.get(MentionStates);
    await states.warm();
    expect(states.get('weibo:old-c')).toMatchObject({ day: '20261018', rev: 2, brand: 'acme', e: engagementTuple(seen) });
    expect(states.get('weibo:recent-c')).toMatchObject({ day: '20261120', rev: 1 });

    expect(await push(b, old(seen, '2026-11-20T08:00:00Z'))).toMatchObject({ unchanged: 1, updated: 0 });
    expect(await push(b, old({ likes: 40, shares: 3, comments: 2, views: 350 }, '2026-11-20T08:00:00Z'))).toMatchObject({ updated: 1 });
    expect(await bucket(b)).toMatchObject({ total: 1, negative: 1, likes: 40, shares: 3, comments: 2, views: 350 });
    // The first daemon's entry is stale: its write clashes on the revision, re-reads, and still counts exactly.
    expect(await push(a, old({ likes: 41, shares: 3, comments: 2, views: 350 }, '2026-11-20T08:00:00Z'))).toMatchObject({ updated: 1 });
    expect(await bucket(a)).toMatchObject({ total: 1, likes: 41, shares: 3, comments: 2, views: 350 });
  });
});
