import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { CollectionRepository } from '../../src/collection/collection.repository.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, screenshot, signIn } from './browser.js';
import { IngestService } from '../../src/mentions/ingest.service.js';
import { acmeBrand, mention } from '../support/factories.js';
import { NOW } from './support.js';

const HOUR = 3_600_000;
/** JD was blind from 6 h to 3 h before NOW (its source banned); weibo is still blind. */
const JD_GAP = { source: 'jd-acme', platform: 'jd', brands: ['acme'], since: new Date(NOW.getTime() - 6 * HOUR), until: new Date(NOW.getTime() - 3 * HOUR), reason: 'banned' };
const WEIBO_GAP = { source: 'weibo-search', platform: 'weibo', brands: ['acme'], since: new Date(NOW.getTime() - 40 * 60_000), reason: 'yielded 0 items, usually 12' };

interface DrawnShade {
  /** The shaded area, in pixels of the canvas. */
  x: number;
  width: number;
  fill: string;
}

/**
 * What the volume chart really drew (not just what it was given): the shaded rectangles and the texts of its
 * mark areas, read from the chart's rendered scene, and the pixel x of each step's category on the time axis.
 */
async function drawnGaps(page: Page): Promise<{ shades: DrawnShade[]; labels: string[]; stepX: (t: number) => number; steps: number[] }> {
  await page.waitForFunction(() => Boolean((window as unknown as { goldenhourCharts?: Record<string, unknown> }).goldenhourCharts?.sentiment));
  // ECharts draws on the next frame after setOption.
  await page.waitForTimeout(600);
  const scene = await page.evaluate(() => {
    type El = { style?: { fill?: string; text?: string }; getBoundingRect?(): { x: number; width: number } };
    const chart = (window as unknown as { goldenhourCharts: Record<string, { getZr(): { storage: { getDisplayList(update: boolean): El[] } }; getOption(): { xAxis: { data: number[] }[] }; convertToPixel(f: object, v: number): number }> }).goldenhourCharts.sentiment!;
    const list = chart.getZr().storage.getDisplayList(true);
    // A mark area is drawn as a polygon filled with the shading colour.
    const shades = list.filter((e) => /^rgba\(120, ?120, ?120, ?0\.15\)$/.test(e.style?.fill ?? '')).map((e) => {
      const box = e.getBoundingRect!();
      return { x: box.x, width: box.width, fill: e.style!.fill! };
    });
    const labels = list.filter((e) => typeof e.style?.text === 'string').map((e) => e.style!.text!);
    const steps = chart.getOption().xAxis[1]!.data.map(Number);
    const xs = steps.map((_, i) => chart.convertToPixel({ xAxisIndex: 1 }, i));
    return { shades, labels, steps, xs };
  });
  return { ...scene, stepX: (t: number) => scene.xs[scene.steps.indexOf(t)]! };
}

describe('the dashboard marks the periods its sources could not see', () => {
  let t: TestApp;
  let browser: Browser;
  const clock = new ManualClock(NOW);

  beforeAll(async () => {
    t = await startTestApp({ label: 'web-collection-gaps', clock, config: { brands: [acmeBrand] } });
    // A day of ordinary chatter on JD and weibo, a few mentions an hour.
    await t.app.get(IngestService).ingest(Array.from({ length: 72 }, (_, i) => mention({ externalId: `m-${i}`, platform: i % 2 ? 'jd' : 'weibo', text: 'Acme lunch was fine today', publishedAt: new Date(NOW.getTime() - (i + 0.5) * (HOUR / 3)).toISOString() })), { source: 'test/web' });
    await t.app.get(CollectionRepository).saveGap(JD_GAP);
    await t.app.get(CollectionRepository).saveGap(WEIBO_GAP);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const openDashboard = async (lang: 'en' | 'zh') => {
    const page = await signIn(browser, t.url, t.tokens.viewer);
    if (lang === 'zh') await page.evaluate(() => localStorage.setItem('goldenhour.lang', 'zh'));
    await page.goto(`${t.url}/#/dashboard?brand=acme&period=24h&tz=UTC`);
    await page.reload();
    return page;
  };

  it('shades the blind hours of the volume chart, labelled "data incomplete" with the platform', async () => {
    const page = await openDashboard('en');
    const { shades, labels, stepX, steps } = await drawnGaps(page);
    expect(labels).toEqual(expect.arrayContaining(['data incomplete (jd)', 'data incomplete (weibo)']));
    expect(shades).toHaveLength(2);
    // The JD shade spans the hourly steps from 6 h to 3 h before now; the open weibo gap runs to the last step.
    const [jd, weibo] = [...shades].sort((a, b) => a.x - b.x);
    const hourAt = (back: number) => NOW.getTime() - back * HOUR;
    expect(jd!.x).toBeLessThanOrEqual(stepX(hourAt(6)));
    expect(jd!.x + jd!.width).toBeGreaterThanOrEqual(stepX(hourAt(4)));
    expect(jd!.x + jd!.width).toBeLessThan(stepX(hourAt(2)));
    expect(weibo!.x).toBeLessThanOrEqual(stepX(steps[steps.length - 1]!));
    expect(weibo!.x).toBeGreaterThan(stepX(hourAt(3)));
    await screenshot(page, 'dashboard-collection-gaps.png');
  });

  it('says so in Chinese too', async () => {
    const page = await openDashboard('zh');
    const { labels } = await drawnGaps(page);
    expect(labels).toEqual(expect.arrayContaining(['数据不完整 (jd)', '数据不完整 (weibo)']));
  });
});
