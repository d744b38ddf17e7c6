import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { NOW, openIncident, seedMentions, webConfig, type SeededMention } from './support.js';

interface DashboardBody {
  brand: { id: string };
  period: { from: string; to: string; stepMs: number };
  totals: { total: number; negative: number; crisis: number; previous: { total: number } };
  series: { t: number; total: number; negative: number; nsi: number | null }[];
  shareOfVoice: { brand: string; total: number; share: number }[];
  platforms: { platform: string; total: number }[];
  crisisTerms: { topic: string; negative: number; trend: string }[];
  negativeTopics: { topic: string }[];
  incidents: { open: Record<string, number>; openTotal: number; opened: number };
  negativeMentions: { url?: string; engagement: number; crisisTerms: string[] }[];
}

describe('dashboard API', () => {
  let t: TestApp;
  let seeded: SeededMention[];
  const clock = new ManualClock(NOW);

  beforeAll(async () => {
    t = await startTestApp({ label: 'web-dashboard-api', clock, config: webConfig });
    seeded = await seedMentions(t);
    await openIncident(t, clock);
  });
  afterAll(() => t?.close());

  const inRange = (brand: string, from: number, to: number) => seeded.filter((m) => m.brand === brand && Date.parse(m.publishedAt) >= from && Date.parse(m.publishedAt) < to);

  it('returns every panel of the last 24 hours in one response, counted from the buckets', async () => {
    const res = await t.request('/api/v1/dashboard?brand=acme&period=24h&tz=Asia/Shanghai', { as: 'viewer' });
    expect(res.status).toBe(200);
    const d = (await res.json()) as DashboardBody;
    const now = clock.now().getTime();
    const day = inRange('acme', now - 86_400_000, now);
    expect(d.totals.total).toBe(day.length);
    expect(d.series.reduce((s, p) => s + p.total, 0)).toBe(day.length);
    expect(d.totals.previous.total).toBe(inRange('acme', now - 2 * 86_400_000, now - 86_400_000).length);
    expect(d.period.stepMs).toBe(15 * 60_000);
    expect(d.shareOfVoice.map((r) => r.brand)).toEqual(['acme', 'globex']);
    expect(d.shareOfVoice[1]!.total).toBe(inRange('globex', now - 86_400_000, now).length);
    expect(d.platforms.reduce((s, p) => s + p.total, 0)).toBe(day.length);
    expect(new Set(d.platforms.map((p) => p.platform))).toEqual(new Set(day.map((m) => m.platform)));
  });

  it('shows the surge: negative mentions, crisis terms new against the day before, the most engaging negative posts first', async () => {
    const d = (await (await t.request('/api/v1/dashboard?brand=acme&period=24h')).json()) as DashboardBody;
    const crisisSeeded = seeded.filter((m) => m.externalId.startsWith('crisis-')).length;
    expect(d.totals.negative).toBeGreaterThanOrEqual(crisisSeeded);
    expect(d.crisisTerms.length).toBeGreaterThan(0);
    expect(d.crisisTerms.every((c) => c.trend === 'new')).toBe(true);
    const recent = d.series.slice(-8).reduce((s, p) => s + p.negative, 0);
    const earlier = d.series.slice(0, 8).reduce((s, p) => s + p.negative, 0);
    expect(recent).toBeGreaterThan(earlier);
    expect(d.negativeMentions.length).toBe(10);
    const engagement = d.negativeMentions.map((m) => m.engagement);
    expect(engagement).toEqual([...engagement].sort((a, b) => b - a));
    expect(d.negativeMentions[0]!.url).toMatch(/^https:\/\/weibo\.example\/status\/crisis-/);
  });

  it('counts the open incident by severity', async () => {
    const d = (await (await t.request('/api/v1/dashboard?brand=acme&period=24h')).json()) as DashboardBody;
    expect(d.incidents.openTotal).toBe(1);
    expect(d.incidents.open.P1).toBe(1);
    expect(d.incidents.opened).toBe(1);
  });

  it('exports the period as CSV, one row per chart step', async () => {
    const res = await t.request('/api/v1/dashboard.csv?brand=acme&period=7d&tz=UTC', { as: 'viewer' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('step_start_local,step_start_utc,mentions,negative,neutral,positive,crisis,engagement,net_sentiment,data_incomplete');
    const now = clock.now().getTime();
    expect(lines.slice(1).reduce((s, l) => s + Number(l.split(',')[2]), 0)).toBe(inRange('acme', now - 7 * 86_400_000, now).length);
    expect(lines.length - 1).toBe(7 * 24 + 1);
  });

  it('refuses an unknown time zone or a reversed custom range, naming the field', async () => {
    const tz = await t.request('/api/v1/dashboard?brand=acme&period=24h&tz=Mars/Base');
    expect(tz.status).toBe(400);
    expect(((await tz.json()) as { message: string }).message).toMatch(/^tz: unknown time zone/);
    const reversed = await t.request('/api/v1/dashboard?brand=acme&from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z');
    expect(reversed.status).toBe(400);
  });

  it('shows an incident resolved a moment ago at once: the live panels are read again after an incident event', async () => {
    const read = async () => ((await (await t.request('/api/v1/dashboard?brand=acme&period=24h')).json()) as DashboardBody).incidents.openTotal;
    expect(await read()).toBe(1);
    const { incidents } = (await (await t.request('/api/v1/incidents?brand=acme')).json()) as { incidents: { id: string }[] };
    expect((await t.request(`/api/v1/incidents/${incidents[0]!.id}/resolve`, { method: 'POST', as: 'responder', json: { text: 'Batch recalled' } })).status).toBe(201);
    // The test clock stands still, so only the event (not the panels' age) can make the dashboard read again.
    expect(await read()).toBe(0);
  });

  it('tells the web app who is calling and the server time', async () => {
    const me = (await (await t.request('/api/v1/me', { as: 'viewer' })).json()) as { role: string; now: string };
    expect(me.role).toBe('viewer');
    expect(me.now).toBe(clock.now().toISOString());
    expect((await t.request('/api/v1/me', { as: null })).status).toBe(401);
  });

  it('serves the web app at / with a fallback for its routes, without shadowing the API', async () => {
    const root = await fetch(`${t.url}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toMatch(/<div|<main id="main"/);
    expect((await fetch(`${t.url}/board`)).headers.get('content-type')).toMatch(/text\/html/);
    const missing = await t.request('/api/v1/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/json/);
    expect((await fetch(`${t.url}/healthz`)).headers.get('content-type')).toMatch(/json/);
  });
});
