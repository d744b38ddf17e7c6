import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { EscalationService } from '../../src/incidents/escalation.service.js';
import { IngestService } from '../../src/mentions/ingest.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { StoriesService } from '../../src/stories/stories.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';
import { launchBrowser, screenshot, signIn } from './browser.js';
import { crisisSignal, NOW } from './support.js';

const COMPLAINT = '吃了阿克米的外卖，全家食物中毒，孩子上吐下泻进了医院！订单是昨晚在人民路店点的宫保鸡丁饭，大家千万别再买了';

describe('the story, why it fired and the official reply on the board and the incident page', () => {
  const clock = new ManualClock(NOW);
  let t: TestApp;
  let browser: Browser;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp({
      label: 'web-story-view',
      clock,
      config: { brands: [{ ...acmeBrand, officialAccounts: { weibo: ['@阿克米官方'] } }], teams: [{ id: 'care', name: 'Customer care', members: [{ name: 'Wang Fang', email: 'wang.fang@acme.test', role: 'member' }], channels: [] }] },
    });
    const ingest = (items: Record<string, unknown>[]) => t.app.get(IngestService).ingest(items);
    await ingest([
      ...Array.from({ length: 14 }, (_, d) => mention({ externalId: `usual-${d}`, text: `阿克米外卖送得很快 ${d}`, publishedAt: new Date(NOW.getTime() - (d + 1) * 12 * 3_600_000).toISOString() })),
      mention({ externalId: 'food-1', url: 'https://weibo.example/food-1', text: COMPLAINT, author: { name: '小王妈妈' }, publishedAt: '2026-11-20T06:10:00Z' }),
      ...Array.from({ length: 5 }, (_, i) => mention({ externalId: `rt-${i}`, text: `转发微博//@小王妈妈:${COMPLAINT}`, author: { name: `fan${i}` }, publishedAt: `2026-11-20T06:${20 + i * 5}:00Z` })),
      mention({ platform: 'douyin', externalId: 'dy-1', text: `【避雷】${COMPLAINT}`, publishedAt: '2026-11-20T07:05:00Z' }),
      mention({ platform: 'xiaohongshu', externalId: 'xhs-1', text: `姐妹们避雷 ${COMPLAINT}`, publishedAt: '2026-11-20T07:30:00Z' }),
    ]);
    const story = await t.app.get(StoriesService).storyOfRecent('weibo:food-1', NOW);
    const escalation = t.app.get(EscalationService);
    const signal = crisisSignal(NOW);
    await escalation.escalate([{ ...signal, evidence: { ...signal.evidence, stories: [story!] } }]);
    clock.advance(30_000);
    await escalation.escalate([]);
    id = ((await (await t.request('/api/v1/incidents?brand=acme')).json()) as { incidents: { id: string }[] }).incidents[0]!.id;
    clock.set('2026-11-20T08:15:00Z');
    await ingest([mention({ externalId: 'official-1', url: 'https://weibo.example/official-1', text: `非常抱歉，我们已暂停人民路店营业并联系您//@小王妈妈:${COMPLAINT}`, author: { name: '阿克米官方' }, publishedAt: '2026-11-20T08:10:00Z' })]);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the story and "responded by @account at 16:10" on the board card, in English and Chinese', async () => {
    const page = await signIn(browser, t.url, t.tokens.responder);
    await page.goto(`${t.url}/#/board`);
    const card = page.locator(`.incident-card[data-id="${id}"]`);
    await card.waitFor();
    // Shanghai time: the official post was published at 08:10 UTC.
    await expect(card.locator('.official-response').textContent()).resolves.toContain('Responded by @阿克米官方 at 16:10');
    await expect(card.locator('.story-line').textContent()).resolves.toContain('First post: 吃了阿克米的外卖');
    expect(await card.locator('.story-line .badge').allTextContents()).toEqual(['weibo', 'douyin', 'xiaohongshu']);
    await page.evaluate(() => localStorage.setItem('goldenhour.lang', 'zh'));
    await page.reload();
    await page.locator(`.incident-card[data-id="${id}"] .official-response`).waitFor();
    await expect(page.locator(`.incident-card[data-id="${id}"] .official-response`).textContent()).resolves.toContain('@阿克米官方 于 16:10 已回应');
    await expect(page.locator(`.incident-card[data-id="${id}"] .story-line`).textContent()).resolves.toContain('首发帖');
    await screenshot(page, 'board-story-official-zh.png');
  });

  it("shows the response time at the brand's time, whatever the browser's zone", async () => {
    const page = await signIn(browser, t.url, t.tokens.responder, undefined, 'Europe/London');
    await page.goto(`${t.url}/#/board`);
    const line = page.locator(`.incident-card[data-id="${id}"] .official-response`);
    await line.waitFor();
    await expect(line.textContent()).resolves.toContain('Responded by @阿克米官方 at 16:10 (Asia/Shanghai)');
  });

  it('shows on the incident page why it fired, the story with where it spread and when, and its timeline', async () => {
    const page = await signIn(browser, t.url, t.tokens.responder);
    await page.goto(`${t.url}/#/incident/${encodeURIComponent(id)}`);
    const cause = page.locator('section.cause');
    await cause.waitFor();
    await expect(cause.textContent()).resolves.toContain('Why it fired');
    await expect(cause.locator('.negative-share').textContent()).resolves.toMatch(/Negative share \d+% now, usually \d+%/);
    await expect(cause.locator('.terms').textContent()).resolves.toContain('食物中毒');
    const story = page.locator('section.story');
    await expect(story.locator('.first-post').textContent()).resolves.toContain('@小王妈妈');
    expect(await story.locator('.first-post a').getAttribute('href')).toBe('https://weibo.example/food-1');
    expect(await story.locator('.spread li').evaluateAll((lis) => lis.map((li) => `${li.querySelector('time')!.textContent} ${(li as HTMLElement).dataset.platform}`))).toEqual(['14:10 weibo', '15:05 douyin', '15:30 xiaohongshu']);
    // Mentions per hour: 06:00 (six on Weibo), 07:00 (two copies), 08:00 (the official repost).
    expect(await story.locator('.spread-bars .bar').evaluateAll((bars) => bars.map((b) => (b as HTMLElement).dataset.count))).toEqual(['6', '2', '1']);
    await screenshot(page, 'incident-story-cause.png');
  });

  it('lets a responder undo the official match from the incident page after it was mitigated; the timeline says so', async () => {
    expect((await t.request(`/api/v1/incidents/${id}/mitigate`, { method: 'POST', as: 'responder', json: { text: 'Store closed for inspection' } })).status).toBe(201);
    const page = await signIn(browser, t.url, t.tokens.responder);
    await page.goto(`${t.url}/#/incident/${encodeURIComponent(id)}`);
    await page.locator('.official-response').waitFor();
    await page.click('button[data-action="undo-response"]');
    await page.locator('.timeline li[data-action="undo-response"]').waitFor();
    await expect(page.locator('.timeline li[data-action="undo-response"]').textContent()).resolves.toContain('Official response undone');
    expect(await page.locator('.official-response').count()).toBe(0);
    const after = await (await t.request(`/api/v1/incidents/${id}`)).json();
    expect(after.state).toBe('mitigated');
    expect(after.milestones.responded).toBeUndefined();
  });
});
