import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { IngestService } from '../../src/mentions/ingest.service.js';
import { ReanalyzeService } from '../../src/mentions/reanalyze.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';
import { launchBrowser, screenshot, signIn } from './browser.js';

const TASTY = '阿克米的外卖味道很好';
const BLAND = '阿克米的外卖味道太差了';
const FAST = '阿克米配送很快';
const SLOW = '阿克米配送太慢了';
const PERIOD = 'brand=acme&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z';

/** Reviews on one day: `n` texts each, numbered in their external ids. */
const reviews = (day: string, texts: [string, number][]) =>
  texts.flatMap(([text, n], k) => Array.from({ length: n }, (_, i) => mention({ platform: 'jd', externalId: `${day}-${k}-${i}`, text, publishedAt: `2026-11-${day}T0${k}:1${i}:00Z` })));

interface Row {
  aspect: string;
  share: number;
  previousShare: number | null;
  change: number | null;
}

describe('the aspects that worsened most this period, from per-aspect counters', () => {
  const clock = new ManualClock('2026-11-21T01:00:00Z');
  let t: TestApp;
  let browser: Browser;
  const panel = async (): Promise<Row[]> => (await (await t.request(`/api/v1/dashboard?${PERIOD}`, { as: 'viewer' })).json()).worseningAspects;
  const brief = (rows: Row[]) => rows.map((r) => `${r.aspect} ${r.share} ${r.previousShare} ${r.change}`);
  const aspectsOf = async (id: string) => (await t.app.get(ReanalyzeService).mention(id))!.aspects?.map((a) => `${a.aspect}:${a.label}`);

  beforeAll(async () => {
    t = await startTestApp({ label: 'web-aspect-panel', clock, config: { brands: [acmeBrand] } });
    await t.app.get(IngestService).ingest([
      // the day before: taste 1 negative in 5 (20 %), delivery 2 in 4 (50 %)
      ...reviews('19', [[TASTY, 4], [BLAND, 1], [SLOW, 2], [FAST, 2]]),
      // this day: taste 3 in 4 (75 %), delivery 1 in 4 (25 %)
      ...reviews('20', [[BLAND, 3], [TASTY, 1], [SLOW, 1], [FAST, 3]]),
    ]);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('ranks aspects by the rise of their negative share against the previous period', async () => {
    expect(brief(await panel())).toEqual(['taste 75 20 55', 'delivery 25 50 -25']);
  });

  it('keeps the counters exact through a re-analysis and a rebuild of the counters', async () => {
    const before = await panel();
    const reanalyze = t.app.get(ReanalyzeService);
    await reanalyze.run({ since: new Date('2026-11-19T00:00:00Z'), brand: 'acme' });
    expect(await panel()).toEqual(before);
    await reanalyze.run({ since: new Date('2026-11-19T00:00:00Z'), brand: 'acme', rebuild: true });
    expect(await panel()).toEqual(before);
  });

  it('a per-aspect correction changes that mention\'s aspect and the counters; undo restores both', async () => {
    const correct = (id: string, json: object) => t.request(`/api/v1/mentions/${encodeURIComponent(id)}/sentiment`, { method: 'POST', as: 'responder', json });
    const undo = (id: string, aspect: string) => t.request(`/api/v1/mentions/${encodeURIComponent(id)}/sentiment?aspect=${aspect}`, { method: 'DELETE', as: 'responder' });
    const id = 'jd:20-0-0';
    expect(await aspectsOf(id)).toEqual(['taste:negative']);

    const r = await correct(id, { label: 'positive', aspect: 'taste' });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ aspect: 'taste', aspects: [{ aspect: 'taste', label: 'positive', corrected: { by: expect.any(String) } }], sentiment: { label: 'negative' } });
    expect(await aspectsOf(id)).toEqual(['taste:positive']);
    expect(brief(await panel())[0]).toBe('taste 50 20 30');
    // an aspect the mention did not name is added, and removed again by its undo
    expect((await correct(id, { label: 'negative', aspect: 'price' })).status).toBe(200);
    expect(await aspectsOf(id)).toEqual(['price:negative', 'taste:positive']);
    expect(brief(await panel())).toContain('price 100 null null');

    // corrections outlive a re-analysis
    await t.app.get(ReanalyzeService).run({ since: new Date('2026-11-20T00:00:00Z'), brand: 'acme' });
    expect(await aspectsOf(id)).toEqual(['price:negative', 'taste:positive']);

    expect((await undo(id, 'price')).status).toBe(200);
    expect(await aspectsOf(id)).toEqual(['taste:positive']);
    expect((await undo(id, 'taste')).status).toBe(200);
    expect(await aspectsOf(id)).toEqual(['taste:negative']);
    expect(brief(await panel())).toEqual(['taste 75 20 55', 'delivery 25 50 -25']);
  });

  it('shows the panel on the dashboard, in English and in Chinese', async () => {
    const page = await signIn(browser, t.url, t.tokens.viewer);
    await page.goto(`${t.url}/#/dashboard?${PERIOD}&tz=UTC`);
    const card = page.locator('section[aria-label="Aspects that worsened most"]');
    await card.locator('tbody tr').first().waitFor();
    expect(await card.locator('tbody tr').first().locator('td').allTextContents()).toEqual(['Taste & food safety', '75 %', '20 %', '+55']);
    expect(await card.locator('tbody tr').nth(1).getAttribute('data-aspect')).toBe('delivery');
    await screenshot(page, 'dashboard-aspects-en.png');

    await page.evaluate(() => localStorage.setItem('goldenhour.lang', 'zh'));
    await page.reload();
    const zh = page.locator('section[aria-label="恶化最多的方面"]');
    await zh.locator('tbody tr').first().waitFor();
    expect(await zh.locator('tbody tr').first().locator('td').first().textContent()).toBe('口味与食品安全');
    expect(await zh.locator('thead th').allTextContents()).toEqual(['方面', '负面占比', '上一周期', '变化']);
    await screenshot(page, 'dashboard-aspects-zh.png');
    await page.context().close();
  });
});
