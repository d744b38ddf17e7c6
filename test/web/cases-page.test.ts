import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';
import { launchBrowser, screenshot, signIn } from './browser.js';

describe('the reply queue page', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp({ label: 'cases_page', config: { brands: [acmeBrand] } });
    const review = (id: string, followers: number, text: string) =>
      mention({ platform: 'jd', externalId: id, text, rating: 1, url: `https://item.jd.com/${id}`, author: { name: `buyer ${id}`, handle: id, followers }, extra: { productId: id } });
    await t.request('/api/v1/mentions', { method: 'POST', json: [review('q1', 10, '包装破了'), review('q2', 3000, '快递晚了三天'), review('q3', 500, '少了一个配件')] });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const caseOf = async (id: string) => (await (await t.request(`/api/v1/cases/${encodeURIComponent(id)}`)).json()) as { owner?: string; state: string; replyUrl?: string };

  it('works through the queue by keyboard as a responder: j/k to move, a to claim, r to record the reply link', async () => {
    const page = await signIn(browser, t.url, t.tokens.responder);
    await page.goto(`${t.url}/#/cases`);
    await page.waitForSelector('.case-row');
    // Same due time: the widest reach first.
    await expect(page.locator('.case-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id))).resolves.toEqual(['case:jd:q2', 'case:jd:q3', 'case:jd:q1']);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await expect(page.locator('.case-row[aria-current="true"]').getAttribute('data-id')).resolves.toBe('case:jd:q3');
    await page.keyboard.press('a');
    await page.waitForSelector('.case-row[aria-current="true"] >> text=Owner: test responder');
    await page.keyboard.press('r');
    await page.fill('#reply-url', 'https://item.jd.com/q3#reply');
    await page.press('#reply-url', 'Enter');
    await page.waitForSelector('.case-row[data-id="case:jd:q3"][data-state="replied"]');
    expect(await caseOf('case:jd:q3')).toMatchObject({ owner: 'test responder', state: 'replied', replyUrl: 'https://item.jd.com/q3#reply' });
    await screenshot(page, 'cases-queue.png');
  });

  it('drafts a reply on the queue with the draft check: explanation before empathy is flagged, an apology first passes', async () => {
    const page = await signIn(browser, t.url, t.tokens.responder);
    await page.goto(`${t.url}/#/cases`);
    await page.waitForSelector('.case-row[aria-current="true"]');
    await page.keyboard.press('d');
    await page.fill('#case-draft', '快递延误是物流公司的问题，不是我们的责任。');
    await page.click('.draft-form >> text=Check draft');
    await page.waitForSelector('.draft-result li');
    await expect(page.locator('.draft-result').textContent()).resolves.toContain('empathy-first');
    await page.fill('#case-draft', '非常抱歉让您久等了。我们已联系快递加急处理，并为您补发配件，今晚8点前给您回复进展。');
    await page.click('.draft-form >> text=Check draft');
    await page.waitForSelector('.draft-result >> text=No issues found');
  });

  it('shows the queue read-only to a viewer: no actions, and the keys change nothing', async () => {
    const page = await signIn(browser, t.url, t.tokens.viewer);
    await page.goto(`${t.url}/#/cases`);
    await page.waitForSelector('.case-row');
    await expect(page.locator('.row-actions, .bulk, .case-row input[type=checkbox]').count()).resolves.toBe(0);
    await page.keyboard.press('a');
    await page.keyboard.press('r');
    await expect(page.locator('#reply-url').count()).resolves.toBe(0);
    expect((await caseOf('case:jd:q2')).owner).toBeUndefined();
    await expect(page.locator('main').textContent()).resolves.toContain('Your token can only view');
  });

  it('shows case reports beside the queue, in English and in Chinese', async () => {
    await t.request('/api/v1/cases/case%3Ajd%3Aq1/resolve', { method: 'POST', json: {}, as: 'responder' });
    const page = await signIn(browser, t.url, t.tokens.viewer);
    await page.goto(`${t.url}/#/cases`);
    await page.click('.tabs >> text=Reports');
    await page.waitForSelector('table.case-report');
    await page.goto(`${t.url}/#/cases?view=reports&from=2026-11-20&to=2026-11-20&by=brand`);
    await page.waitForSelector('table.case-report tr[data-value="acme"]');
    const acme = page.locator('table.case-report tr[data-value="acme"]');
    // One of the three cases resolved (at once: within 24 h), two still open, all opened today.
    await expect(acme.locator('td').allTextContents()).resolves.toEqual(['1', '—', '—', '0 min', '0 min', '100%', '2', '2', '0', '0', '0', '0']);
    await expect(page.locator('table.case-report thead').textContent()).resolves.toContain('Resolved within 24 h');
    await page.evaluate(() => localStorage.setItem('goldenhour.lang', 'zh'));
    await page.reload();
    await page.waitForSelector('table.case-report');
    await expect(page.locator('table.case-report thead').textContent()).resolves.toContain('24 小时内解决');
    await expect(page.locator('.tabs').textContent()).resolves.toContain('报表');
    await screenshot(page, 'case-reports-zh.png');
  });
});
