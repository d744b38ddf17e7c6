import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { DigestService } from '../../src/dashboards/digest.service.js';
import { OutboxDispatcher } from '../../src/notifications/outbox.dispatcher.js';
import { MailCatcher } from '../../src/demo/mail-catcher.js';
import { IngestService } from '../../src/mentions/ingest.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';
import { launchBrowser, screenshot, signIn } from './browser.js';

const COMPLAINT = '吃了阿克米的外卖，全家食物中毒，孩子上吐下泻进了医院！订单是昨晚在人民路店点的宫保鸡丁饭，大家千万别再买了';
const PRAISE = 'Acme opened a new kitchen on Renmin Road today, the noodles are great and the staff were friendly to everyone';

describe('top stories of the period on the dashboard and in the digest, beside the top keywords', () => {
  // 09:00 in Shanghai on 21 November: the digest of the 20th.
  const clock = new ManualClock('2026-11-21T01:00:00Z');
  const catcher = new MailCatcher(() => new Date(0));
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    const port = await catcher.start();
    t = await startTestApp({ label: 'web-top-stories', clock, config: { brands: [acmeBrand], smtp: { host: '127.0.0.1', port, secure: false, from: 'goldenhour <digest@goldenhour.test>' } } });
    await t.app.get(IngestService).ingest([
      mention({ externalId: 'food-1', url: 'https://weibo.example/food-1', text: COMPLAINT, author: { name: '小王妈妈' }, publishedAt: '2026-11-20T06:10:00Z' }),
      ...Array.from({ length: 6 }, (_, i) => mention({ externalId: `rt-${i}`, text: `转发微博//@小王妈妈:${COMPLAINT}`, publishedAt: `2026-11-20T06:${20 + i * 5}:00Z` })),
      mention({ platform: 'douyin', externalId: 'dy-1', text: `【避雷】${COMPLAINT}`, publishedAt: '2026-11-20T07:05:00Z' }),
      mention({ platform: 'news', externalId: 'praise-1', url: 'https://news.example/praise', text: PRAISE, publishedAt: '2026-11-20T05:00:00Z' }),
      mention({ platform: 'weibo', externalId: 'praise-2', text: `${PRAISE} https://news.example/praise`, publishedAt: '2026-11-20T05:30:00Z' }),
    ]);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await catcher.stop();
  });

  it('lists the largest stories with the platforms in the order reached and their growth', async () => {
    const d = await (await t.request('/api/v1/dashboard?brand=acme&from=2026-11-19T16:00:00Z&to=2026-11-20T16:00:00Z', { as: 'viewer' })).json();
    expect(d.topStories.map((s: { first: { text: string }; mentions: number }) => [s.first.text.slice(0, 10), s.mentions])).toEqual([[COMPLAINT.slice(0, 10), 8], [PRAISE.slice(0, 10), 2]]);
    expect(d.topStories[0].platforms.map((p: { platform: string; mentions: number }) => `${p.platform}:${p.mentions}`)).toEqual(['weibo:7', 'douyin:1']);
    expect(d.topStories[0]).toMatchObject({ first: { url: 'https://weibo.example/food-1', author: '小王妈妈' }, negativeShare: expect.any(Number), growthPerHour: expect.any(Number) });
    expect(d.negativeTopics.length).toBeGreaterThan(0);
  });

  it('mails the top stories in the digest, in English and in Chinese', async () => {
    await t.app.get(DigestService).sendDigest({ brand: 'acme', to: ['exec@acme.test'], lang: 'en' });
    await t.app.get(OutboxDispatcher).dispatchDue();
    const en = await catcher.waitFor((m) => m.subject.includes('daily digest'));
    expect(en.text).toContain('Top stories:');
    expect(en.text).toMatch(/吃了阿克米的外卖.* \(8 mentions on weibo → douyin, \d+ in the last hour\) https:\/\/weibo\.example\/food-1/);
    expect(en.html).toContain('href="https://weibo.example/food-1"');
    await t.connection.db!.collection('digest_runs').deleteMany({});
    await t.app.get(DigestService).sendDigest({ brand: 'acme', to: ['exec@acme.test'], lang: 'zh' });
    await t.app.get(OutboxDispatcher).dispatchDue();
    const zh = await catcher.waitFor((m) => m.subject.includes('每日摘要'));
    expect(zh.text).toContain('热门传播事件:');
    expect(zh.text).toMatch(/8 条，平台：weibo → douyin，最近一小时 \d+ 条/);
  });

  it('shows the top stories card on the dashboard', async () => {
    const page = await signIn(browser, t.url, t.tokens.viewer);
    await page.goto(`${t.url}/#/dashboard?brand=acme&from=2026-11-19T16:00:00Z&to=2026-11-20T16:00:00Z&tz=Asia/Shanghai`);
    const card = page.locator('section.top-stories');
    await card.locator('li').first().waitFor();
    expect(await card.locator('li').count()).toBe(2);
    await expect(card.locator('li').first().textContent()).resolves.toMatch(/8 mentions, \d+ in the last hour/);
    expect(await card.locator('li').first().locator('.badge').allTextContents()).toEqual(['weibo', 'douyin']);
    await screenshot(page, 'dashboard-top-stories.png');
  });
});
