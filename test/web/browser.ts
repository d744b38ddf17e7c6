/** The system Chromium through playwright-core (never a downloaded browser), and screenshots under test/artifacts/. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = join(process.cwd(), 'test/artifacts');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Opens the web app and signs in with a token through the login form (a browser in Shanghai unless told). */
export async function signIn(browser: Browser, url: string, token: string, viewport = { width: 1280, height: 900 }, timezoneId = 'Asia/Shanghai'): Promise<Page> {
  const context = await browser.newContext({ viewport, timezoneId, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${url}/#/login`);
  await page.fill('#token', token);
  await page.press('#token', 'Enter');
  await page.waitForSelector('nav.nav');
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}
