import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { OutboxDispatcher } from '../../src/notifications/outbox.dispatcher.js';
import { MailCatcher, type CaughtMail } from '../../src/demo/mail-catcher.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { GoldenhourConfig } from '../../src/platform/config/schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, screenshot } from './browser.js';
import { NOW, openIncident } from './support.js';

const PUBLIC_URL = 'https://goldenhour.example';

/** As in the demo: the own brand, and a competitor whose id sorts first. */
const brands: GoldenhourConfig['brands'] = [
  { id: 'sunrise', name: 'Sunrise Kitchen', names: { en: 'Sunrise Kitchen', zh: '日出厨房' }, aliases: [], keywords: ['日出厨房'], competitors: ['harbor'], timezone: 'Asia/Shanghai' },
  { id: 'harbor', name: 'Harbor Noodles', names: { en: 'Harbor Noodles', zh: '港湾面馆' }, aliases: [], keywords: ['港湾面馆'], competitors: ['sunrise'], kind: 'competitor', timezone: 'Asia/Shanghai' },
];

describe('the first hour in the web app', () => {
  let t: TestApp;
  let browser: Browser;
  let incidentId: string;
  let mail: CaughtMail;
  const catcher = new MailCatcher(() => new Date(0));
  const clock = new ManualClock(NOW);

  beforeAll(async () => {
    const smtpPort = await catcher.start();
    t = await startTestApp({
      label: 'web-alert-links',
      clock,
      config: {
        publicUrl: PUBLIC_URL,
        brands,
        teams: [{ id: 'care', name: 'Customer care', members: [{ name: 'Wang Fang', email: 'wang.fang@sunrise.test', role: 'member' }], channels: [] }],
        smtp: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'goldenhour <alerts@goldenhour.test>' },
      },
    });
    incidentId = await openIncident(t, clock, 'sunrise');
    await t.app.get(OutboxDispatcher).dispatchDue();
    mail = await catcher.waitFor((m) => m.to.includes('wang.fang@sunrise.test') && Boolean(m.html));
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await catcher.stop();
  });

  /** A fresh, signed-out browser showing the caught alert mail as a mail client would (publicUrl pointed at the test server). */
  async function openMail(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'en-US' });
    const page = await context.newPage();
    expect(mail.html).toContain(`href="${PUBLIC_URL}/#/incident/${encodeURIComponent(incidentId)}"`);
    await page.setContent(mail.html!.replaceAll(`href="${PUBLIC_URL}/`, `href="${t.url}/`));
    return page;
  }

  /** Clicks a mail link as a reader would: mail links open in a new tab (target=_blank); returns that tab. */
  async function follow(mailPage: Page, selector: string): Promise<Page> {
    const [tab] = await Promise.all([mailPage.context().waitForEvent('page'), mailPage.click(selector)]);
    await tab.waitForLoadState();
    return tab;
  }

  async function signInHere(page: Page, token: string): Promise<void> {
    await page.waitForSelector('#token');
    await page.fill('#token', token);
    await page.press('#token', 'Enter');
    await page.waitForSelector('nav.nav');
  }

  it("follows the mail's Acknowledge link to that incident, signs in on the way, and acknowledges it", async () => {
    const page = await follow(await openMail(), 'a:has-text("Acknowledge")');
    await signInHere(page, t.tokens.responder);
    await page.waitForSelector('.incident-page h1');
    expect(new URL(page.url()).hash).toBe(`#/incident/${encodeURIComponent(incidentId)}`);
    await expect(page.locator('.incident-head .state').textContent()).resolves.toBe('Open');
    await page.click('button[data-action="acknowledge"]');
    await page.waitForFunction(() => document.querySelector('.incident-head .state')?.textContent === 'Acknowledged');
    await screenshot(page, 'alert-link-incident.png');
    const incident = (await (await t.request(`/api/v1/incidents/${encodeURIComponent(incidentId)}`)).json()) as { state: string; owner: string };
    expect(incident).toMatchObject({ state: 'acknowledged', owner: 'test responder' });
    await page.context().close();
  });

  it("follows the mail's Open dashboard link to the alert's brand", async () => {
    const page = await follow(await openMail(), 'a:has-text("Open dashboard")');
    await signInHere(page, t.tokens.viewer);
    await page.waitForSelector('#kpi-mentions');
    await expect(page.locator('#brand').inputValue()).resolves.toBe('sunrise');
    await page.context().close();
  });

  it('opens the incident from the link of an older mail (/board?incident=…)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${t.url}/board?incident=${encodeURIComponent(incidentId)}`);
    await signInHere(page, t.tokens.viewer);
    await page.waitForSelector('.incident-page h1');
    expect(new URL(page.url()).hash).toBe(`#/incident/${encodeURIComponent(incidentId)}`);
    await context.close();
  });

  it("signs in through the form and lands on the user's own brand, not the competitor that sorts first", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${t.url}/`);
    await signInHere(page, t.tokens.viewer);
    await page.waitForSelector('#kpi-mentions');
    await expect(page.locator('#brand').inputValue()).resolves.toBe('sunrise');
    await context.close();
  });
});
