import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IngestService } from '../../src/mentions/ingest.service.js';
import { SourceCountsBackfill } from '../../src/mentions/source-counts.backfill.js';
import { SourceCounts } from '../../src/mentions/source-counts.service.js';
import { PrivacyService } from '../../src/privacy/privacy.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';
import { dropCollections } from '../support/stored.js';

const FROM = new Date('2026-11-17T00:00:00Z');
const TO = new Date('2026-11-20T00:00:00Z');

/**
 * The counts behind "sources growing" follow what is stored: mentions stored before sources were counted
 * are counted by `goldenhour migrate`'s backfill (once, however often it runs), and an erased mention
 * leaves its source's count.
 */
describe('source counts: backfill and erasure', () => {
  let t: TestApp;
  const totals = () => t.app.get(SourceCounts).totals('acme', FROM, TO);

  beforeAll(async () => {
    t = await startTestApp({ label: 'source_counts', config: { brands: [acmeBrand] } });
    await t.app.get(IngestService).ingest([
      mention({ externalId: 'w-1', text: 'Acme noodles were lovely', publishedAt: '2026-11-17T09:00:00Z' }),
      mention({ externalId: 'w-2', text: 'Acme noodles were cold', publishedAt: '2026-11-18T10:00:00Z' }),
      mention({ externalId: 'w-3', text: 'Acme delivery late again', publishedAt: '2026-11-18T11:00:00Z', author: { name: 'Wang Fang', handle: '@wang_fang' } }),
    ], { source: 'weibo-search' });
    await t.app.get(IngestService).ingest([mention({ platform: 'news', externalId: 'n-1', text: 'Acme opens a kitchen', publishedAt: '2026-11-19T08:00:00Z' })], { source: 'news-rss' });
  });
  afterAll(async () => t.close());

  it('counts mentions stored before sources were counted, and a second run counts nothing twice', async () => {
    expect(await totals()).toEqual({ 'weibo-search': 3, 'news-rss': 1 });
    // A database of an earlier version: mentions stored, no source counts.
    await dropCollections(t.connection, 'sources_');
    expect(await totals()).toEqual({});

    expect(await t.app.get(SourceCountsBackfill).run()).toEqual({ days: 3, mentions: 4 });
    expect(await totals()).toEqual({ 'weibo-search': 3, 'news-rss': 1 });
    expect(await t.app.get(SourceCountsBackfill).run()).toEqual({ days: 0, mentions: 0 });
    await t.app.get(SourceCounts).compact();
    expect(await totals()).toEqual({ 'weibo-search': 3, 'news-rss': 1 });
  });

  it('takes an erased mention out of its source count, once however often the erasure runs', async () => {
    const subject = { platform: 'weibo', author: '@wang_fang' };
    await t.app.get(PrivacyService).erase(subject, 'dpo@example.com');
    expect(await totals()).toEqual({ 'weibo-search': 2, 'news-rss': 1 });
    await t.app.get(PrivacyService).erase(subject, 'dpo@example.com');
    await t.app.get(SourceCounts).compact();
    expect(await totals()).toEqual({ 'weibo-search': 2, 'news-rss': 1 });
  });
});
