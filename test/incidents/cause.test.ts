import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EscalationService } from '../../src/incidents/escalation.service.js';
import { IngestService } from '../../src/mentions/ingest.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';
import { careTeam, crisisSignal } from './support.js';

const NOW = new Date('2026-11-20T08:00:00Z');
const DAY = 86_400_000;

describe('why it fired: the cause summary of alerts, mails and incidents', () => {
  const clock = new ManualClock(NOW);
  let t: TestApp;
  let incidentId: string;

  beforeAll(async () => {
    t = await startTestApp({ label: 'incident_cause', clock, config: { ...careTeam, brands: [acmeBrand] } });
    const ingest = (items: Record<string, unknown>[]) => t.app.get(IngestService).ingest(items);
    // A usual week: four delivery remarks a day on Weibo.
    const usual = [];
    for (let d = 1; d <= 7; d++) {
      for (let i = 0; i < 4; i++) {
        usual.push(mention({ externalId: `usual-${d}-${i}`, text: `阿克米外卖送得很快，配送小哥很好 ${d}-${i}`, publishedAt: new Date(NOW.getTime() - d * DAY + i * 3_600_000).toISOString() }));
      }
    }
    await t.app.get(IngestService).ingest(usual, { source: 'weibo-search' });
    // The last hour: one food-poisoning post copied on Weibo and Douyin, and a second, different post about it.
    const post = '吃了阿克米的外卖，全家食物中毒，孩子上吐下泻进了医院！大家千万别再买了';
    const burst = [
      mention({ source: 'weibo-search', externalId: 'first', text: post, author: { name: '小王妈妈' }, url: 'https://weibo.example/first', publishedAt: '2026-11-20T07:10:00Z' }),
      ...Array.from({ length: 12 }, (_, i) => mention({ source: 'weibo-search', externalId: `repost-${i}`, text: `转发微博 //@小王妈妈:${post}`, publishedAt: `2026-11-20T07:${String(15 + i * 3).padStart(2, '0')}:00Z` })),
      ...Array.from({ length: 6 }, (_, i) => mention({ source: 'douyin-hot', platform: 'douyin', externalId: `dy-${i}`, text: `【避雷】${post}`, url: `https://douyin.example/${i}`, publishedAt: `2026-11-20T07:${String(30 + i * 4).padStart(2, '0')}:00Z`, engagement: { likes: 100 * (i + 1), shares: 0, comments: 0, views: 0 } })),
      mention({ source: 'news-rss', platform: 'news', externalId: 'news-1', text: 'Acme food poisoning reports: regulator visits the Renmin Road kitchen', url: 'https://news.example/acme', publishedAt: '2026-11-20T07:50:00Z' }),
    ];
    await ingest(burst);
    const escalation = t.app.get(EscalationService);
    const signal = crisisSignal(NOW);
    const stories = await (await t.request('/api/v1/stories?brand=acme&from=2026-11-20T07:00:00Z&to=2026-11-20T08:00:00Z', { as: 'viewer' })).json() as { _id: string; mentions: number; first: { platform: string; url?: string; author?: string; text: string; publishedAt: string } }[];
    signal.evidence.stories = stories.map((s) => ({ id: s._id, mentions: s.mentions, platforms: [s.first.platform], first: { ...s.first, publishedAt: new Date(s.first.publishedAt) } }));
    await escalation.escalate([signal]);
    clock.advance(30_000);
    await escalation.escalate([]);
    const list = (await (await t.request('/api/v1/incidents?brand=acme', { as: 'viewer' })).json()) as { incidents: { id: string }[] };
    incidentId = list.incidents[0]!.id;
  });
  afterAll(async () => t.close());

  it('gives the incident the terms, platforms, sources, posts and negative share that changed against the last 7 days', async () => {
    const incident = await (await t.request(`/api/v1/incidents/${incidentId}`, { as: 'viewer' })).json();
    const cause = incident.evidence.cause;
    // 28 mentions in the 7 days before: 0.17 in an hour.
    expect(cause.mentions).toEqual({ now: 20, expected: 0.17 });
    // Its words were never said in the usual week; the crisis term is named once, as a crisis term.
    expect(cause.terms).toContainEqual({ term: '食物中毒', kind: 'crisis', now: 19, usual: 0, lift: 27.55 });
    expect(cause.terms.filter((t: { term: string }) => t.term === '食物中毒')).toHaveLength(1);
    expect(cause.terms.map((t: { term: string }) => t.term)).not.toContain('配送');
    expect(cause.platforms.map((p: { platform: string }) => p.platform)).toEqual(['weibo', 'douyin', 'news']);
    // The sources (recipes) that brought them, against the Weibo search's usual 28 a week.
    expect(cause.sources).toEqual([
      { source: 'weibo-search', now: 13, expected: 0.17 },
      { source: 'douyin-hot', now: 6, expected: 0 },
      { source: 'news-rss', now: 1, expected: 0 },
    ]);
    expect(cause.negativeShare.now).toBeGreaterThan(0.5);
    expect(cause.negativeShare.usual).toBeLessThan(0.3);
    expect(cause.first).toMatchObject({ platform: 'weibo', url: 'https://weibo.example/first', author: '小王妈妈' });
    expect(cause.examples.length).toBeGreaterThanOrEqual(2);
    expect(new Set(cause.examples.map((e: { story?: string }) => e.story)).size).toBe(cause.examples.length);
  });

  it('puts the cause in the alert and in its mail, in English and in Chinese', async () => {
    const alerts = (await (await t.request('/api/v1/alerts?brand=acme', { as: 'viewer' })).json()) as { evidence: { cause?: unknown } }[];
    expect(alerts[0]!.evidence.cause).toBeDefined();
    const rows = (await (await t.request(`/api/v1/outbox?incidentId=${encodeURIComponent(incidentId)}`)).json()) as { text: string }[];
    expect(rows[0]!.text).toContain('Why it fired: 20 mentions');
    expect(rows[0]!.text).toContain('告警原因：20 条提及');
    expect(rows[0]!.text).toContain('Sources growing: weibo-search 13 (about 0.17 expected)');
    expect(rows[0]!.text).toContain('增长的来源：weibo-search 13 条');
    expect(rows[0]!.text).toContain('First post: [weibo @小王妈妈]');
    expect(rows[0]!.text).toContain('https://weibo.example/first');
  });
});
