import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RetentionJob } from '../../src/privacy/retention.job.js';
import { SourceCountsRepository } from '../../src/mentions/source-counts.repository.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { mention } from '../support/factories.js';
import { storedMentions } from '../support/stored.js';
import { privacySchema } from '../../src/platform/config/privacy-schema.js';
import { privacyConfig } from './support.js';

const DAY = 86_400_000;
const now = new Date('2026-11-20T08:00:00Z');

/** `count` mentions published on the UTC day `days` before now (observed an hour later), negative every third. */
function postsOf(prefix: string, daysAgo: number, count: number): Record<string, unknown>[] {
  const published = new Date(now.getTime() - daysAgo * DAY);
  return Array.from({ length: count }, (_, i) =>
    mention({
      externalId: `${prefix}-${i}`,
      text: i % 3 ? `Acme lunch was fine ${prefix} ${i}` : `Acme food made me sick ${prefix} ${i}`,
      publishedAt: new Date(published.getTime() + i * 60_000).toISOString(),
      observedAt: new Date(published.getTime() + 3_600_000).toISOString(),
      author: { name: `user ${i}`, handle: `@u${i}` },
    }),
  );
}

/** The UTC day (YYYYMMDD) `daysAgo` days before now. */
const dayOf = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString().slice(0, 10).replaceAll('-', '');

describe('retention purge', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ label: 'privacy_retention', clock: new ManualClock(now), config: { ...privacyConfig, privacy: privacySchema.parse({ retention: { batch: 10 } }) } });
  });
  afterAll(async () => t.close());

  it('removes exactly what is past retention, in batches, while ingest goes on, and leaves the counters', async () => {
    const post = async (items: unknown[]) => expect((await t.request('/api/v1/mentions', { method: 'POST', as: 'responder', json: items })).status).toBe(200);
    // 100 and 92 days old: due; 89 and 1 day old: kept (mentions 90 days, engagement journal 30 days).
    await post([...postsOf('d100', 100, 12), ...postsOf('d92', 92, 18)]);
    await post([...postsOf('d89', 89, 10), ...postsOf('d1', 1, 10)]);
    const evidence = (id: string) => ({ platform: 'weibo', externalId: id, url: `https://weibo.example/${id}`, text: `quoted ${id}`, engagement: 9 });
    for (const [id, at] of [['old', new Date(now.getTime() - 95 * DAY)], ['new', new Date(now.getTime() - DAY)]] as const) {
      await t.connection.db!.collection(`signals_${at.toISOString().slice(0, 7).replace('-', '')}`).insertOne({ _id: id as never, brand: 'acme', kind: 'negative_surge', startedAt: at, evidence: { topMentions: [evidence(`${id}-1`), evidence(`${id}-2`)] } });
    }
    const outbox = t.connection.db!.collection('outbox');
    await outbox.insertMany([
      { idempotencyKey: 'sent-old', state: 'sent', sentAt: new Date(now.getTime() - 20 * DAY), subject: 'P1 acme', text: 'quoted body old', createdAt: now, nextAttemptAt: now, channel: 'email', to: 'a@acme.test' },
      { idempotencyKey: 'sent-new', state: 'sent', sentAt: new Date(now.getTime() - 2 * DAY), subject: 'P1 acme', text: 'quoted body new', createdAt: now, nextAttemptAt: now, channel: 'email', to: 'a@acme.test' },
    ]);
    // What a recipe brought on each of those days (posts through the API have no source).
    await t.app.get(SourceCountsRepository).add([100, 92, 89, 1].map((d) => ({ brand: 'acme', source: 'recipe:weibo-search', publishedAt: new Date(now.getTime() - d * DAY) })));
    await t.connection.db!.collection('audit_202510').insertOne({ at: new Date('2025-10-02T00:00:00Z'), action: 'export', by: 'old' });
    // Up to the start of today: the mentions ingested during the purge are counted today.
    const counters = async () => (await t.request(`/api/v1/buckets?brand=acme&from=2026-08-01T00:00:00Z&to=2026-11-20T00:00:00Z`)).json();
    const before = await counters();

    const [removed] = await Promise.all([
      t.app.get(RetentionJob).purge(),
      (async () => {
        for (let b = 0; b < 5; b++) await post(postsOf(`live${b}`, 0.01, 20));
      })(),
    ]);

    expect(removed).toEqual(expect.objectContaining({ mention: 30, negativeHighlight: 10, signalEvidence: 2, notification: 1, audit: 1 }));
    // Source counts go with the mentions they count.
    expect(removed.sourceCount).toBeGreaterThanOrEqual(2);
    const sourceDays = (await t.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => /^sources_(\d{8})$/.exec(c.name)?.[1]).filter(Boolean).sort();
    expect(sourceDays).toEqual([89, 1].map(dayOf));
    expect(removed.journal).toBeGreaterThanOrEqual(2);
    const kept = new Map<string, number>();
    for (const m of await storedMentions(t.connection)) {
      const prefix = String(m._id).slice('weibo:'.length).split('-')[0]!.replace(/^live\d$/, 'live');
      kept.set(prefix, (kept.get(prefix) ?? 0) + 1);
    }
    expect(Object.fromEntries(kept)).toEqual({ d89: 10, d1: 10, live: 100 });
    const after = await counters();
    expect(after).toEqual(before);
    const signals = [];
    for (const c of await t.connection.db!.listCollections({}, { nameOnly: true }).toArray()) if (/^signals_\d{6}$/.test(c.name)) signals.push(...(await t.connection.db!.collection(c.name).find({}).toArray()));
    const texts = signals.sort((a, b) => String(a._id).localeCompare(String(b._id))).map((s) => (s.evidence as { topMentions: { text: string }[] }).topMentions.map((m) => m.text));
    expect(texts).toEqual([['quoted new-1', 'quoted new-2'], ['[removed under retention]', '[removed under retention]']]);
    expect((await outbox.find({}).sort({ idempotencyKey: 1 }).toArray()).map((r) => r.text ?? null)).toEqual(['quoted body new', null]);
    expect(await t.app.get(RetentionJob).purge()).toEqual({});
  });
});
