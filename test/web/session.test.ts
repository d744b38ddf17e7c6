import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock.js';
import { startFixtureSite, html, type RunningFixtureSite } from '../../src/demo/sites/fixture-site.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, signIn } from './browser.js';
import { NOW, openIncident, seedMentions, webConfig } from './support.js';

/** Posts a note to the incident from page script, as an injected script or a careless integration would. */
const postNote = (page: Page, id: string, text: string, csrf: boolean) =>
  page.evaluate(
    async ([id, text, csrf]) => {
      const m = /(?:^|;\s*)gh_csrf=([^;]+)/.exec(document.cookie);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (csrf && m) headers['x-csrf-token'] = m[1]!;
      const res = await fetch(`/api/v1/incidents/${encodeURIComponent(id)}/note`, { method: 'POST', headers, body: JSON.stringify({ text }) });
      return { status: res.status, message: res.ok ? '' : ((await res.json()) as { message: string }).message };
    },
    [id, text, csrf] as const,
  );

describe('the web app signed in by an HttpOnly cookie', () => {
  let t: TestApp;
  let browser: Browser;
  let incidentId: string;
  let attacker: RunningFixtureSite;
  const clock = new ManualClock(NOW);

  beforeAll(async () => {
    t = await startTestApp({ label: 'web-session', clock, config: webConfig });
    await seedMentions(t);
    incidentId = await openIncident(t, clock);
    browser = await launchBrowser();
    // Another site (localhost is a different site from 127.0.0.1) whose page posts to goldenhour as soon as it opens.
    attacker = await startFixtureSite([
      {
        path: '/prize',
        respond: () =>
          html(`<form method="post" action="${t.url}/api/v1/incidents/${encodeURIComponent(incidentId)}/note"><input name="text" value="forged note"></form><script>document.forms[0].submit()</script>`),
      },
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await attacker?.close();
    await t?.close();
  });

  const notes = async () => JSON.stringify(await (await t.request(`/api/v1/incidents/${encodeURIComponent(incidentId)}`)).json());
  const sessionCookie = async (context: BrowserContext) => (await context.cookies(t.url)).find((c) => c.name === 'gh_session');

  it('keeps the token where page script cannot read it: an HttpOnly, SameSite=Strict cookie, nothing in localStorage', async () => {
    const page = await signIn(browser, t.url, t.tokens.responder);
    const cookie = await sessionCookie(page.context());
    expect(cookie).toMatchObject({ value: t.tokens.responder, httpOnly: true, sameSite: 'Strict', secure: false });
    const seen = await page.evaluate(() => ({ cookie: document.cookie, storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) }));
    expect(seen.cookie).toMatch(/^gh_csrf=[\w-]+$/);
    expect(seen.cookie).not.toContain(t.tokens.responder.slice(16));
    expect(seen.storage).not.toContain(t.tokens.responder.slice(16));
    await page.context().close();
  });

  it('refuses a write from page script without the CSRF token, and accepts it with the token', async () => {
    const page = await signIn(browser, t.url, t.tokens.responder);
    const refused = await postNote(page, incidentId, 'no csrf header', false);
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/CSRF token/);
    expect(await postNote(page, incidentId, 'with the csrf header', true)).toEqual({ status: 201, message: '' });
    const stored = await notes();
    expect(stored).toContain('with the csrf header');
    expect(stored).not.toContain('no csrf header');
    await page.context().close();
  });

  it('does not send the cookie with a form another site posts: the forged write is refused', async () => {
    const page = await signIn(browser, t.url, t.tokens.responder);
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().includes('/note')), page.goto(`${attacker.origin.replace('127.0.0.1', 'localhost')}/prize`)]);
    expect(res.status()).toBe(401);
    expect(await notes()).not.toContain('forged note');
    await page.context().close();
  });

  it("opens an alert mail's link signed in when the browser already has a session (SameSite=Strict is enough for mail links)", async () => {
    const page = await signIn(browser, t.url, t.tokens.responder);
    const mail = await page.context().newPage();
    await mail.setContent(`<a target="_blank" href="${t.url}/#/incident/${encodeURIComponent(incidentId)}">Acknowledge</a>`);
    const [tab] = await Promise.all([mail.context().waitForEvent('page'), mail.click('a')]);
    await tab.waitForSelector('.incident-page h1');
    expect(await tab.locator('#token').count()).toBe(0);
    await page.context().close();
  });

  it('signs out: the cookie is gone and the next visit asks for a token', async () => {
    const page = await signIn(browser, t.url, t.tokens.viewer);
    await page.click('nav.nav button:has-text("Log out")');
    await page.waitForSelector('#token');
    expect(await sessionCookie(page.context())).toBeUndefined();
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.goto(`${t.url}/#/board`);
    await page.reload();
    await page.waitForSelector('#token');
    expect((await page.request.get(`${t.url}/api/v1/me`)).status()).toBe(401);
    await page.context().close();
  });

  it("signs in from the demo's printed link, and the token leaves the address bar", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${t.url}/#/login?token=${t.tokens.viewer}&brand=acme`);
    await page.waitForSelector('nav.nav');
    expect(new URL(page.url()).hash).toBe('#/dashboard?brand=acme');
    expect(await sessionCookie(context)).toMatchObject({ httpOnly: true });
    await page.goBack();
    expect(page.url()).not.toContain(t.tokens.viewer);
    await context.close();
  });

  it('tells a wrong token apart, on the sign-in form itself', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${t.url}/#/login`);
    await page.fill('#token', 'gh_000000000000_not-a-real-token-not-a-real-tok');
    await page.press('#token', 'Enter');
    await page.waitForFunction(() => document.querySelector('.login .error')?.textContent === 'That token was not accepted');
    expect(await sessionCookie(context)).toBeUndefined();
    await context.close();
  });
});
