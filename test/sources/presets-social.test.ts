import { afterAll, describe, expect, it } from '@jest/globals';
import { googleNewsSite } from '../../src/demo/sites/feed-sites.js';
import { startFixtureSite, type FixturePost } from '../../src/demo/sites/fixture-site.js';
import { douyinCommentsSite, redditSearchSite, weiboSearchSite, xiaohongshuSearchSite, xRecentSearchSite } from '../../src/demo/sites/social-sites.js';
import { byId, mentionOf, NOW, presetAt, runOnce, testRuntime } from './harness.js';

const runtime = testRuntime({ env: { X_BEARER_TOKEN: 'test-bearer' } });
afterAll(() => runtime.close());

const at = (iso: string) => new Date(iso);
const broken = (id: string): FixturePost => ({ id, text: 'broken', author: 'x', publishedAt: NOW, broken: true });

describe('preset weibo-search', () => {
  it('reads posts from cards and card groups across pages, relative and absolute dates, and skips the post without text', async () => {
    const site = await startFixtureSite(
      weiboSearchSite(
        [
          { id: '5001', text: 'Acme 热水壶漏水了，客服不理人', author: '小王', handle: '1001', followers: 1200, publishedAt: at('2026-11-23T12:27:00Z'), likes: 10, shares: 2, comments: 5 },
          broken('5002'),
          { id: '5003', text: '新买的Acme水壶很好用', author: '阿花', handle: '1002', followers: 50, publishedAt: at('2026-11-21T02:00:00Z'), likes: 3 },
          { id: '5004', text: 'Acme 客服回复很快', author: 'Lee', handle: '1003', publishedAt: at('2026-11-22T06:02:00Z') },
        ],
        { now: NOW, pageSize: 2 },
      ),
    );
    try {
      const recipe = await presetAt('weibo-search', site.origin);
      const report = await runOnce(runtime, recipe);
      const m = (id: string, text: string, name: string, handle: string, followers: number, publishedAt: string, e: [number, number, number]) =>
        mentionOf(recipe, {
          externalId: id,
          url: `https://m.weibo.cn/detail/${id}`,
          author: { name, handle, followers },
          text: `${text}\n#话题#`,
          lang: 'zh',
          publishedAt: at(publishedAt),
          engagement: { likes: e[0], shares: e[1], comments: e[2], views: 0 },
        });
      expect(byId(report.mentions)).toEqual([
        m('5001', 'Acme 热水壶漏水了，客服不理人', '小王', '1001', 1200, '2026-11-23T12:27:00Z', [10, 2, 5]),
        m('5003', '新买的Acme水壶很好用', '阿花', '1002', 50, '2026-11-21T02:00:00Z', [3, 0, 0]),
        m('5004', 'Acme 客服回复很快', 'Lee', '1003', 0, '2026-11-22T06:02:00Z', [0, 0, 0]),
      ]);
      expect(report.broken).toEqual([expect.stringContaining('item 5002: no text')]);
      expect(report.targets).toEqual([{ target: 'keyword=Acme', pages: 3, items: 3, stoppedBy: 'no-items' }]);
      expect(site.requests[1]).toBe('/api/container/getIndex?containerid=100103type%3D61%26q%3DAcme%26t%3D0&page_type=searchall&page=1');
    } finally {
      await site.close();
    }
  });
});

describe('preset xiaohongshu-notes', () => {
  it('reads notes from window.__INITIAL_STATE__ with "万" counts and corner-tag dates', async () => {
    const site = await startFixtureSite(
      xiaohongshuSearchSite(
        [
          { id: '6501a', text: 'Acme 水壶颜值很高', author: '小红薯123', handle: 'u1', publishedAt: NOW, likes: 12000 },
          broken('6502b'),
          { id: '6503c', text: 'Acme 水壶有异味怎么办', author: '喝水达人', handle: 'u3', publishedAt: NOW, likes: 5 },
        ],
        { publishTimes: ['3天前', '', '昨天 14:02'] },
      ),
    );
    try {
      const recipe = await presetAt('xiaohongshu-notes', site.origin);
      const report = await runOnce(runtime, recipe);
      const m = (id: string, text: string, name: string, handle: string, publishedAt: string, likes: number) =>
        mentionOf(recipe, {
          externalId: id,
          url: `https://www.xiaohongshu.com/explore/${id}?xsec_token=XT${id}&xsec_source=pc_search`,
          author: { name, handle },
          text,
          lang: 'zh',
          publishedAt: at(publishedAt),
          engagement: { likes, shares: 0, comments: 0, views: 0 },
        });
      expect(byId(report.mentions)).toEqual([
        m('6501a', 'Acme 水壶颜值很高', '小红薯123', 'u1', '2026-11-20T12:30:00Z', 12000),
        m('6503c', 'Acme 水壶有异味怎么办', '喝水达人', 'u3', '2026-11-22T06:02:00Z', 5),
      ]);
      expect(report.broken).toEqual([expect.stringContaining('item 6502b: no text')]);
    } finally {
      await site.close();
    }
  });
});

describe('preset douyin-comments', () => {
  it('follows the cursor until has_more is 0 and skips the comment with an unreadable create_time', async () => {
    const video = '7300000000000000001';
    const site = await startFixtureSite(
      douyinCommentsSite(
        video,
        [
          { id: '7301', text: '这个水壶太吵了', author: '抖友A', handle: 'dyA', publishedAt: at('2026-11-22T10:00:00Z'), likes: 40, comments: 2 },
          broken('7302'),
          { id: '7303', text: '已下单', author: '抖友C', publishedAt: at('2026-11-23T01:15:00Z') },
        ],
        { pageSize: 2 },
      ),
    );
    try {
      const recipe = await presetAt('douyin-comments', site.origin, { products: [{ id: video, brand: 'acme', vars: {} }] });
      const report = await runOnce(runtime, recipe);
      expect(byId(report.mentions)).toEqual([
        mentionOf(recipe, {
          externalId: '7301',
          url: `https://www.douyin.com/video/${video}`,
          author: { name: '抖友A', handle: 'dyA' },
          text: '这个水壶太吵了',
          lang: 'zh',
          publishedAt: at('2026-11-22T10:00:00Z'),
          engagement: { likes: 40, shares: 0, comments: 2, views: 0 },
          extra: { ipLabel: '上海' },
        }),
        mentionOf(recipe, {
          externalId: '7303',
          url: `https://www.douyin.com/video/${video}`,
          author: { name: '抖友C' },
          text: '已下单',
          lang: 'zh',
          publishedAt: at('2026-11-23T01:15:00Z'),
          engagement: { likes: 0, shares: 0, comments: 0, views: 0 },
          extra: { ipLabel: '上海' },
        }),
      ]);
      expect(report.broken).toEqual([expect.stringContaining('item 7302: unreadable time "unknown"')]);
      expect(report.targets[0]).toMatchObject({ pages: 2, stoppedBy: 'no-next' });
      expect(site.requests.filter((r) => r.includes('comment/list'))[1]).toContain('&cursor=2&');
    } finally {
      await site.close();
    }
  });
});

describe('preset reddit-search', () => {
  it('pages with `after`, joins title and selftext, and skips the post without a fullname', async () => {
    const site = await startFixtureSite(
      redditSearchSite(
        [
          { id: 'abc1', title: 'Acme kettle leaking?', text: 'Mine leaks from the base.', author: 'kettlefan', publishedAt: at('2026-11-22T18:00:00Z'), likes: 15, comments: 4 },
          broken('abc2'),
          { id: 'abc3', title: 'Love my Acme', text: '', author: 'happyuser', publishedAt: at('2026-11-23T09:00:00Z'), likes: 1 },
        ],
        { pageSize: 2 },
      ),
    );
    try {
      const recipe = await presetAt('reddit-search', site.origin);
      const report = await runOnce(runtime, recipe);
      const m = (id: string, title: string, text: string, author: string, publishedAt: string, likes: number, comments: number) =>
        mentionOf(recipe, {
          externalId: `t3_${id}`,
          url: `https://www.reddit.com/r/BuyItForLife/comments/${id}/post/`,
          author: { name: author, handle: author },
          text,
          title,
          lang: 'en',
          publishedAt: at(publishedAt),
          engagement: { likes, shares: 0, comments, views: 0 },
          extra: { subreddit: 'BuyItForLife' },
        });
      expect(byId(report.mentions)).toEqual([
        m('abc1', 'Acme kettle leaking?', 'Acme kettle leaking?\n\nMine leaks from the base.', 'kettlefan', '2026-11-22T18:00:00Z', 15, 4),
        m('abc3', 'Love my Acme', 'Love my Acme', 'happyuser', '2026-11-23T09:00:00Z', 1, 0),
      ]);
      expect(report.broken).toEqual([expect.stringContaining('no id')]);
      expect(site.requests.filter((r) => r.startsWith('/search.json'))).toEqual([
        '/search.json?q=Acme&sort=new&type=link&limit=100&raw_json=1',
        '/search.json?q=Acme&sort=new&type=link&limit=100&raw_json=1&after=t3_abc2',
      ]);
    } finally {
      await site.close();
    }
  });
});

describe('preset x-search', () => {
  it('sends the bearer token from the environment, joins authors from includes.users, and follows next_token', async () => {
    const site = await startFixtureSite(
      xRecentSearchSite(
        [
          { id: '1860000000000000001', text: 'Acme kettle broke after 2 weeks', author: 'Jane Doe', handle: 'janedoe', followers: 340, publishedAt: at('2026-11-23T08:00:00Z'), likes: 3, shares: 1, views: 120 },
          broken('1860000000000000002'),
          { id: '1860000000000000003', text: 'Acme support fixed it fast', author: 'Bob', handle: 'bob', followers: 10, publishedAt: at('2026-11-23T10:00:00Z'), views: 50 },
        ],
        { token: 'test-bearer', pageSize: 2 },
      ),
    );
    try {
      const recipe = await presetAt('x-search', site.origin);
      const report = await runOnce(runtime, recipe);
      const m = (id: string, text: string, name: string, handle: string, followers: number, publishedAt: string, e: [number, number, number, number]) =>
        mentionOf(recipe, {
          externalId: id,
          url: `https://x.com/i/web/status/${id}`,
          author: { name, handle, followers },
          text,
          lang: 'en',
          publishedAt: at(publishedAt),
          engagement: { likes: e[0], shares: e[1], comments: e[2], views: e[3] },
        });
      expect(byId(report.mentions)).toEqual([
        m('1860000000000000001', 'Acme kettle broke after 2 weeks', 'Jane Doe', 'janedoe', 340, '2026-11-23T08:00:00Z', [3, 1, 0, 120]),
        m('1860000000000000003', 'Acme support fixed it fast', 'Bob', 'bob', 10, '2026-11-23T10:00:00Z', [0, 0, 0, 50]),
      ]);
      expect(report.broken).toEqual([expect.stringContaining('unreadable time "yesterday-ish"')]);
      expect(report.targets[0]).toMatchObject({ pages: 2, stoppedBy: 'no-next' });
    } finally {
      await site.close();
    }
  });
});

describe('preset google-news', () => {
  it('reads RSS items, strips the " - Publisher" suffix, and skips the item with an unreadable pubDate', async () => {
    const site = await startFixtureSite(
      googleNewsSite([
        { id: 'CBMiA1', text: 'Acme recalls 10,000 kettles', author: 'Daily News', handle: 'dailynews.example', publishedAt: at('2026-11-22T08:00:00Z') },
        broken('CBMiA2'),
        { id: 'CBMiA3', text: 'Acme opens new factory', author: 'Business Wire', handle: 'bw.example', publishedAt: at('2026-11-23T06:30:00Z') },
      ]),
    );
    try {
      const recipe = await presetAt('google-news', site.origin);
      const report = await runOnce(runtime, recipe);
      const m = (id: string, text: string, author: string, host: string, publishedAt: string) =>
        mentionOf(recipe, {
          externalId: id,
          url: `https://news.google.com/rss/articles/${id}?oc=5`,
          author: { name: author },
          text,
          lang: 'en',
          publishedAt: at(publishedAt),
          extra: { publisherUrl: `https://${host}` },
        });
      expect(byId(report.mentions)).toEqual([
        m('CBMiA1', 'Acme recalls 10,000 kettles', 'Daily News', 'dailynews.example', '2026-11-22T08:00:00Z'),
        m('CBMiA3', 'Acme opens new factory', 'Business Wire', 'bw.example', '2026-11-23T06:30:00Z'),
      ]);
      expect(report.broken).toEqual([expect.stringContaining('unreadable time "sometime"')]);
    } finally {
      await site.close();
    }
  });
});
