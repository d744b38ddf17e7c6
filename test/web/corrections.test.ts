import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { ReanalyzeService } from '../../src/mentions/reanalyze.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, signIn } from './browser.js';
import { NOW, openIncident, seedMentions, webConfig } from './support.js';

describe('correcting a sentiment in the web app', () => {
  let t: TestApp;
  let browser: Browser;
  let incidentId: string;
  const clock = new ManualClock(NOW);
  const label = async (id: string) => (await t.app.get(ReanalyzeService).mention(id))!.sentiment.label;

  beforeAll(async () => {
    t = await startTestApp({ label: 'web-corrections', clock, config: webConfig });
    await seedMentions(t);
    incidentId = await openIncident(t, clock);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets a responder correct a negative mention on the dashboard and undo it', async () => {
    const page = await signIn(browser, t.url, t.tokens.responder);
    await page.goto(`${t.url}/#/dashboard?brand=acme&period=24h&tz=Asia/Shanghai`);
    const first = page.locator('section[aria-label="High-engagement negative mentions"] .mentions li').first();
    await first.locator('.correction button[data-label="positive"]').waitFor();
    // The seeded crisis mentions' URLs end with their external id; the badge names the platform.
    const href = (await first.locator('a').getAttribute('href'))!;
    const id = `${await first.locator('.meta .badge').first().textContent()}:${href.split('/').pop()}`;
    expect(await label(id)).toBe('negative');

    await first.locator('.correction button[data-label="positive"]').click();
    await first.locator('[data-corrected="positive"]').waitFor();
    expect(await label(id)).toBe('positive');

    await first.locator('.correction button', { hasText: 'Undo' }).click();
    await first.locator('.correction button[data-label="neutral"]').waitFor();
    expect(await label(id)).toBe('negative');
    await page.context().close();
  });

  it('offers the correction on the incident page\'s evidence', async () => {
    const page = await signIn(browser, t.url, t.tokens.responder);
    await page.goto(`${t.url}/#/incident/${encodeURIComponent(incidentId)}`);
    await page.waitForSelector('.incident-page h1');
    await expect(page.locator('section[aria-label="Evidence"] .correction button[data-label="neutral"]').count()).resolves.toBe(1);
    await page.context().close();
  });

  it('shows no correction control to a viewer', async () => {
    const page = await signIn(browser, t.url, t.tokens.viewer);
    await page.goto(`${t.url}/#/dashboard?brand=acme&period=24h&tz=Asia/Shanghai`);
    await page.locator('section[aria-label="High-engagement negative mentions"] .mentions li').first().waitFor();
    await expect(page.locator('.correction').count()).resolves.toBe(0);
    await page.goto(`${t.url}/#/incident/${encodeURIComponent(incidentId)}`);
    await page.waitForSelector('.incident-page h1');
    await expect(page.locator('.correction').count()).resolves.toBe(0);
    await page.context().close();
  });
});
