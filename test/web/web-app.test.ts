import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, screenshot, signIn } from './browser.js';
import { NOW, openIncident, seedMentions, webConfig, type SeededMention } from './support.js';

/** What a chart holds, read from its live ECharts instance in the page. */
async function chartData(page: Page, name: string): Promise<{ name?: string; data: unknown[] }[]> {
  await page.waitForFunction((n) => Boolean((window as unknown as { goldenhourCharts?: Record<string, unknown> }).goldenhourCharts?.[n]), name);
  return page.evaluate((n) => {
    const chart = (window as unknown as { goldenhourCharts: Record<string, { getOption(): { series: { name?: string; data: unknown[] }[] } }> }).goldenhourCharts[n]!;
    return chart.getOption().series.map((s) => ({ name: s.name, data: s.data }));
  }, name);
}

const values = (data: unknown[]) => data.map((d) => (typeof d === 'object' && d !== null ? Number((d as { value: number }).value) : Number(d ?? 0)));
const sum = (data: unknown[]) => values(data).reduce((s, v) => s + (Number.isFinite(v) ? v : 0), 0);

describe('web app', () => {
  let t: TestApp;
  let browser: Browser;
  let seeded: SeededMention[];
  let incidentId: string;
  const clock = new ManualClock(NOW);

  beforeAll(async () => {
    t = await startTestApp({ label: 'web-app', clock, config: webConfig });
    seeded = await seedMentions(t);
    incidentId = await openIncident(t, clock);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in with a token and draws the executive dashboard with the seeded data', async () => {
    const page = await signIn(browser, t.url, t.tokens.viewer);
    await page.goto(`${t.url}/#/dashboard?brand=acme&period=24h&tz=Asia/Shanghai`);
    const day = seeded.filter((m) => m.brand === 'acme' && Date.parse(m.publishedAt) >= clock.now().getTime() - 86_400_000);
    const sentiment = await chartData(page, 'sentiment');
    const volume = sentiment.filter((s) => s.name !== 'Net sentiment').reduce((s, series) => s + sum(series.data), 0);
    expect(volume).toBe(day.length);
    expect(values(sentiment.find((s) => s.name === 'Net sentiment')!.data).some((v) => v < 0)).toBe(true);
    const share = await chartData(page, 'share');
    expect((share[0]!.data as { name: string }[]).map((d) => d.name)).toEqual(['Acme Foods', 'Globex Meals']);
    expect(sum((await chartData(page, 'platforms')).flatMap((s) => s.data))).toBe(day.length);
    expect(values((await chartData(page, 'incidents'))[0]!.data)[0]).toBe(1);
    await expect(page.locator('#kpi-mentions .kpi-value').textContent()).resolves.toBe(String(day.length));
    await expect(page.locator('#kpi-cases .kpi-label').textContent()).resolves.toBe('Complaints resolved within 24 h');
    await expect(page.locator('#kpi-cases .kpi-trend').textContent()).resolves.toMatch(/^\d+ resolved · first reply .+ \(median\) · \d+ open$/);
    await expect(page.locator('section[aria-label="Crisis terms"] tbody tr').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.mentions li a').first().getAttribute('href')).resolves.toMatch(/^https:\/\/weibo\.example\/status\/crisis-/);
    await screenshot(page, 'dashboard.png');

    const png = await page.evaluate(() => (window as unknown as { goldenhourCharts: Record<string, { getDataURL(o: object): string }> }).goldenhourCharts.sentiment!.getDataURL({ type: 'png' }));
    expect(png).toMatch(/^data:image\/png;base64,/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export CSV')]);
    expect(download.suggestedFilename()).toBe('acme-24h.csv');

    await page.click('text=中文');
    await expect(page.locator('#kpi-mentions .kpi-label').textContent()).resolves.toBe('提及量');
    await expect(page.locator('#kpi-cases .kpi-label').textContent()).resolves.toBe('客诉 24 小时内解决率');
    await page.click('text=English');
    await page.context().close();
  });

  it('speaks the language chosen: brand names, incident titles and the timeline in English and Chinese', async () => {
    const page = await signIn(browser, t.url, t.tokens.viewer);
    for (const [lang, brand, title] of [
      ['en', 'Acme Foods', 'Negative surge with crisis terms (food poisoning) for Acme Foods'],
      ['zh', '阿克米', '负面激增（危机词：food poisoning） · 阿克米'],
    ] as const) {
      await page.goto(`${t.url}/#/dashboard?brand=acme&period=24h&tz=Asia/Shanghai`);
      await page.evaluate((l) => localStorage.setItem('goldenhour.lang', l), lang);
      await page.reload();
      await page.waitForSelector('#kpi-mentions');
      await expect(page.locator('#brand option:checked').textContent()).resolves.toBe(brand);
      expect(((await chartData(page, 'share'))[0]!.data as { name: string }[])[0]!.name).toBe(brand);
      await expect(page.locator('.legend').first().isVisible()).resolves.toBe(true);
      await screenshot(page, `dashboard-${lang}.png`);

      await page.goto(`${t.url}/#/board`);
      const card = page.locator(`.incident-card[data-id="${incidentId}"]`);
      await card.waitFor();
      await expect(card.locator('.brand').textContent()).resolves.toBe(brand);
      await expect(card.locator('a.title').textContent()).resolves.toBe(title);
      await screenshot(page, `board-${lang}.png`);

      await card.locator('a.title').click();
      await page.waitForSelector('.incident-page .timeline li');
      await expect(page.locator('.incident-head h1').textContent()).resolves.toBe(title);
      await expect(page.locator('.summary li').count()).resolves.toBeGreaterThan(0);
      const timeline = (await page.locator('.timeline').textContent())!;
      expect(timeline).toContain(lang === 'zh' ? '告警规则 crisis-negative-surge' : 'alert rule crisis-negative-surge');
      expect(timeline).not.toMatch(/\|brand=|@20\d\d-/);
      await screenshot(page, `incident-${lang}.png`);
    }
    await page.evaluate(() => localStorage.setItem('goldenhour.lang', 'en'));
    await page.context().close();
  });

  it('moves an incident through acknowledge → respond → resolve on the board, with live countdowns', async () => {
    const page = await signIn(browser, t.url, t.tokens.responder);
    await page.goto(`${t.url}/#/board`);
    const card = page.locator(`.incident-card[data-id="${incidentId}"]`);
    await expect(card.getAttribute('data-state')).resolves.toBe('open');
    await page.waitForSelector('.live-status.up');
    const clockText = card.locator('.countdown').first();
    const before = await clockText.textContent();
    expect(before).toMatch(/^Response: 00:59:\d\d$/);
    await page.waitForFunction((b) => document.querySelector('.incident-card .countdown')?.textContent !== b, before);
    await expect(card.locator('.countdown').first().getAttribute('class')).resolves.toBe('countdown ok');

    // Someone else acknowledges through the API: the card moves without a reload.
    await t.request(`/api/v1/incidents/${incidentId}/acknowledge`, { method: 'POST', as: 'admin', json: {} });
    await page.waitForSelector(`section[data-state="acknowledged"] .incident-card[data-id="${incidentId}"]`);

    await card.locator('a.title').click();
    await page.waitForSelector('.incident-page h1');
    await expect(page.locator('.incident-head .state').textContent()).resolves.toBe('Acknowledged');
    await expect(page.locator('section[aria-label="Evidence"] .mentions a').first().getAttribute('href')).resolves.toBe('https://weibo.example/status/crisis-23');
    const draft = 'We checked our kitchen and everything was fine.';
    await page.fill('#draft', draft);
    await page.click('text=Check draft');
    await page.waitForSelector('.draft-result li');
    const review = (await (await t.request(`/api/v1/incidents/${incidentId}/draft-check`, { method: 'POST', json: { text: draft, lang: 'en' } })).json()) as { findings: { rule: string }[] };
    expect(review.findings.length).toBeGreaterThan(0);
    await expect(page.locator('.draft-result li b').allTextContents()).resolves.toEqual(review.findings.map((f) => f.rule));
    await page.click('button[data-action="respond"]');
    await page.fill('#a-respond-url', 'https://weibo.example/acme/statement-1');
    await page.fill('#a-respond-text', 'We are sorry. We have pulled the batch and will update by 18:00.');
    await page.click('form[data-action="respond"] button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('.incident-head .state')?.textContent === 'Responded');
    await expect(page.locator('.clocks .countdown').first().textContent()).resolves.toBe('Response: ✓ met');
    await page.click('button[data-action="resolve"]');
    await page.click('form[data-action="resolve"] button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('.incident-head .state')?.textContent === 'Resolved');
    await expect(page.locator('.timeline li b').allTextContents()).resolves.toEqual(expect.arrayContaining(['Acknowledged', 'Public response recorded', 'Resolved']));
    await expect(page.locator('.clocks .countdown').nth(1).textContent()).resolves.toBe('Solution: ✓ met');
    await page.context().close();
  });

  it('lets a viewer look but not act', async () => {
    const page = await signIn(browser, t.url, t.tokens.viewer, { width: 390, height: 844 });
    await page.goto(`${t.url}/#/incident/${encodeURIComponent(incidentId)}`);
    await page.waitForSelector('.incident-page h1');
    await expect(page.locator('.actions button').count()).resolves.toBe(0);
    await expect(page.locator('#viewer-note').isVisible()).resolves.toBe(true);
    const res = await t.request(`/api/v1/incidents/${incidentId}/reopen`, { method: 'POST', as: 'viewer', json: {} });
    expect(res.status).toBe(403);
    await page.goto(`${t.url}/#/board`);
    await page.waitForSelector('.incident-card');
    await screenshot(page, 'board-phone.png');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it('turns a countdown amber under 15 minutes and red once the deadline is missed, on the server clock', async () => {
    const opened = clock.now().getTime();
    const globex = await openIncident(t, clock, 'globex');
    const page = await signIn(browser, t.url, t.tokens.responder);
    await page.goto(`${t.url}/#/board?brand=globex`);
    const response = page.locator(`.incident-card[data-id="${globex}"] .countdown`).first();
    await expect(response.getAttribute('class')).resolves.toBe('countdown ok');
    clock.set(opened + 30_000 + 50 * 60_000);
    await page.reload();
    await page.waitForSelector(`.incident-card[data-id="${globex}"]`);
    await expect(response.getAttribute('class')).resolves.toBe('countdown amber');
    expect(await response.textContent()).toMatch(/^Response: 00:(09|10):\d\d$/);
    clock.set(opened + 30_000 + 61 * 60_000);
    await page.reload();
    await page.waitForSelector(`.incident-card[data-id="${globex}"]`);
    await expect(response.getAttribute('class')).resolves.toBe('countdown breached');
    expect(await response.textContent()).toMatch(/^Response: overdue −00:0[01]:\d\d$/);
    await page.goto(`${t.url}/#/board`);
    await page.waitForSelector(`.incident-card[data-id="${globex}"]`);
    await screenshot(page, 'board.png');
    await page.context().close();
  });

  it('can be used from the keyboard: the login form and the board links are reachable with Tab', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${t.url}/#/login`);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('token');
    await page.keyboard.type(t.tokens.responder);
    await page.keyboard.press('Enter');
    await page.waitForSelector('nav.nav');
    await page.goto(`${t.url}/#/board`);
    await page.waitForSelector('.incident-card');
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.classList.contains('title') ?? false);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.incident-page h1');
    await page.context().close();
  });
});
