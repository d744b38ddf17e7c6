import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DemoMailbox } from '../../src/demo/demo-mailbox.js';
import { MailCatcher } from '../../src/demo/mail-catcher.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, signIn } from './browser.js';
import { NOW, openIncident, seedMentions, webConfig } from './support.js';

/** Records every Content-Security-Policy violation a page reports (installed before any page script runs). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

describe('security headers and hostile content in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  const clock = new ManualClock(NOW);

  beforeAll(async () => {
    t = await startTestApp({ label: 'security-web', clock, config: webConfig });
    await seedMentions(t);
    await openIncident(t, clock);
    // A mention stored before links were checked, with a script link and HTML in its text.
    for (const c of await t.connection.db!.listCollections().toArray()) {
      if (c.name === 'mentions' || c.name.startsWith('negatives_'))
        await t.connection.collection(c.name).updateMany({ url: 'https://weibo.example/status/crisis-23' }, { $set: { url: 'javascript:window.__xss=1', text: '<img src=x onerror="window.__xss=2">food poisoning' } });
    }
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends the headers on the web app, the API, errors and the docs', async () => {
    const strict = /^default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';/;
    for (const [path, as] of [['/', null], ['/api/v1/me', null], ['/api/v1/me', 'viewer'], ['/healthz', null], ['/nope/deep', null]] as const) {
      const res = await t.request(path, { as });
      expect([path, res.headers.get('content-security-policy')]).toEqual([path, expect.stringMatching(strict)]);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    const html = await (await t.request('/', { as: null })).text();
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const docs = await t.request('/api/docs', { as: null });
    expect(docs.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect(docs.headers.get('x-frame-options')).toBe('DENY');
    const mail = await t.request('/demo/mail', { as: null });
    expect(mail.headers.get('content-security-policy')).toMatch(/^default-src 'none';script-src 'none';/);
  });

  it('draws the dashboard and its chart tooltips without a single CSP violation, and never runs a stranger\'s link or HTML', async () => {
    const page = await signIn(browser, t.url, t.tokens.viewer);
    const violations = await watchCsp(page);
    await page.goto(`${t.url}/#/dashboard?brand=acme&period=24h&tz=Asia/Shanghai`);
    await page.reload();
    await page.waitForFunction(() => Boolean((window as unknown as { goldenhourCharts?: Record<string, unknown> }).goldenhourCharts?.sentiment));
    const canvas = page.locator('#chart-sentiment canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    for (const f of [0.3, 0.5, 0.8]) await page.mouse.move(box.x + box.width * f, box.y + box.height * 0.5, { steps: 5 });
    await canvas.hover({ position: { x: Math.round(box.width * 0.6), y: Math.round(box.height * 0.5) } });
    // ECharts' HTML tooltip: a positioned div inside the chart's container, with the series markers in it.
    // ECharts' HTML tooltip: series markers as inline style attributes (allowed by style-src-attr only).
    await page.waitForFunction(() => document.querySelector('#chart-sentiment')!.innerHTML.includes('<span style="display:inline-block'));
    await page.waitForSelector('.mentions li');
    const hostile = page.locator('.mentions li', { hasText: 'food poisoning' }).filter({ hasText: '<img' });
    await expect(hostile.count()).resolves.toBe(1);
    await expect(hostile.locator('a').count()).resolves.toBe(0);
    const links = await page.locator('.mentions li a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')]));
    expect(links.length).toBeGreaterThan(0);
    for (const [href, rel, target] of links) {
      expect(href).toMatch(/^https?:\/\//);
      expect([rel, target]).toEqual(['noopener noreferrer', '_blank']);
    }
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await violations()).toEqual([]);
    await page.context().close();
  });

  it('keeps the demo mailbox working under its policy: mails shown, their script never run', async () => {
    const catcher = new MailCatcher(() => clock.now());
    catcher.mails.push({
      id: 1,
      receivedAt: clock.now(),
      from: 'goldenhour <alerts@example.com>',
      to: 'pr@example.com',
      subject: '[P1] negative surge for acme',
      text: 'x',
      html: '<p style="color:#b91c1c">Evidence</p><script>parent.__xss=1</script><img src="x" onerror="parent.__xss=2">',
      attachments: [],
    });
    t.app.get(DemoMailbox).catcher = catcher;
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const violations = await watchCsp(page);
      await page.goto(`${t.url}/demo/mail`);
      const frame = page.frameLocator('iframe');
      await expect(frame.locator('p').textContent()).resolves.toBe('Evidence');
      await expect(frame.locator('p').evaluate((p) => getComputedStyle(p).color)).resolves.toBe('rgb(185, 28, 28)');
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect((await violations()).filter((v) => !/script|inline/i.test(v))).toEqual([]);
      await context.close();
    } finally {
      t.app.get(DemoMailbox).catcher = null;
    }
  });
});
