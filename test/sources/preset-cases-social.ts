/** Rows of the preset table for social platforms and news: search APIs, embedded page state, RSS. */
import { expect } from '@jest/globals';
import { googleNewsSite } from '../../src/demo/sites/feed-sites.js';
import { douyinCommentsSite, redditSearchSite, weiboSearchSite, xiaohongshuSearchSite, xRecentSearchSite } from '../../src/demo/sites/social-sites.js';
import { mentionOf, NOW } from './harness.js';
import { at, broken, type PresetCase } from './preset-cases.js';

export const socialPresets: PresetCase[] = [
  {
    preset: 'weibo-search',
    does: 'reads posts from cards and card groups across pages, relative and absolute dates, and skips the post without text',
    site: () =>
      weiboSearchSite(
        [
          { id: '5001', text: 'Acme 热水壶漏水了，客服不理人', author: '小王', handle: '1001', followers: 1200, publishedAt: at('2026-11-23T12:27:00Z'), likes: 10, shares: 2, comments: 5 },
          broken('5002'),
          { id: '5003', text: '新买的Acme水壶很好用', author: '阿花', handle: '1002', followers: 50, publishedAt: at('2026-11-21T02:00:00Z'), likes: 3 },
          { id: '5004', text: 'Acme 客服回复很快', author: 'Lee', handle: '1003', publishedAt: at('2026-11-22T06:02:00Z') },
        ],
        { now: NOW, pageSize: 2 },
      ),
    mentions: ({ recipe }) => {
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
      return [
        m('5001', 'Acme 热水壶漏水了，客服不理人', '小王', '1001', 1200, '2026-11-23T12:27:00Z', [10, 2, 5]),
        m('5003', '新买的Acme水壶很好用', '阿花', '1002', 50, '2026-11-21T02:00:00Z', [3, 0, 0]),
        m('5004', 'Acme 客服回复很快', 'Lee', '1003', 0, '2026-11-22T06:02:00Z', [0, 0, 0]),
      ];
    },
    broken: 'item 5002: no text',
    targets: [{ target: 'keyword=Acme', pages: 3, items: 3, stoppedBy: 'no-items' }],
    check: ({ site }) =>
      expect(site.requests[1]).toBe('/api/container/getIndex?containerid=100103type%3D61%26q%3DAcme%26t%3D0&page_type=searchall&page=1'),
  },
  {
    preset: 'xiaohongshu-notes',
    does: 'reads notes from window.__INITIAL_STATE__ with "万" counts and corner-tag dates',
    site: () =>
      xiaohongshuSearchSite(
        [
          { id: '6501a', text: 'Acme 水壶颜值很高', author: '小红薯123', handle: 'u1', publishedAt: NOW, likes: 12000 },
          broken('6502b'),
          { id: '6503c', text: 'Acme 水壶有异味怎么办', author: '喝水达人', handle: 'u3', publishedAt: NOW, likes: 5 },
        ],
        { publishTimes: ['3天前', '', '昨天 14:02'] },
      ),
    mentions: ({ recipe }) => {
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
      return [
        m('6501a', 'Acme 水壶颜值很高', '小红薯123', 'u1', '2026-11-20T12:30:00Z', 12000),
        m('6503c', 'Acme 水壶有异味怎么办', '喝水达人', 'u3', '2026-11-22T06:02:00Z', 5),
      ];
    },
    broken: 'item 6502b: no text',
  },
  {
    preset: 'douyin-comments',
    does: 'follows the cursor until has_more is 0 and skips the comment with an unreadable create_time',
    product: { id: '7300000000000000001' },
    site: () =>
      douyinCommentsSite(
        '7300000000000000001',
        [
          { id: '7301', text: '这个水壶太吵了', author: '抖友A', handle: 'dyA', publishedAt: at('2026-11-22T10:00:00Z'), likes: 40, comments: 2 },
          broken('7302'),
          { id: '7303', text: '已下单', author: '抖友C', publishedAt: at('2026-11-23T01:15:00Z') },
        ],
        { pageSize: 2 },
      ),
    mentions: ({ recipe, product: video }) => [
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
    ],
    broken: 'item 7302: unreadable time "unknown"',
    firstTarget: { pages: 2, stoppedBy: 'no-next' },
    check: ({ site }) => expect(site.requests.filter((r) => r.includes('comment/list'))[1]).toContain('&cursor=2&'),
  },
  {
    preset: 'reddit-search',
    does: 'pages with `after`, joins title and selftext, and skips the post without a fullname',
    site: () =>
      redditSearchSite(
        [
          { id: 'abc1', title: 'Acme kettle leaking?', text: 'Mine leaks from the base.', author: 'kettlefan', publishedAt: at('2026-11-22T18:00:00Z'), likes: 15, comments: 4 },
          broken('abc2'),
          { id: 'abc3', title: 'Love my Acme', text: '', author: 'happyuser', publishedAt: at('2026-11-23T09:00:00Z'), likes: 1 },
        ],
        { pageSize: 2 },
      ),
    mentions: ({ recipe }) => {
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
      return [
        m('abc1', 'Acme kettle leaking?', 'Acme kettle leaking?\n\nMine leaks from the base.', 'kettlefan', '2026-11-22T18:00:00Z', 15, 4),
        m('abc3', 'Love my Acme', 'Love my Acme', 'happyuser', '2026-11-23T09:00:00Z', 1, 0),
      ];
    },
    broken: 'no id',
    check: ({ site }) =>
      expect(site.requests.filter((r) => r.startsWith('/search.json'))).toEqual([
        '/search.json?q=Acme&sort=new&type=link&limit=100&raw_json=1',
        '/search.json?q=Acme&sort=new&type=link&limit=100&raw_json=1&after=t3_abc2',
      ]),
  },
  {
    preset: 'x-search',
    does: 'sends the bearer token from the environment, joins authors from includes.users, and follows next_token',
    site: () =>
      xRecentSearchSite(
        [
          { id: '1860000000000000001', text: 'Acme kettle broke after 2 weeks', author: 'Jane Doe', handle: 'janedoe', followers: 340, publishedAt: at('2026-11-23T08:00:00Z'), likes: 3, shares: 1, views: 120 },
          broken('1860000000000000002'),
          { id: '1860000000000000003', text: 'Acme support fixed it fast', author: 'Bob', handle: 'bob', followers: 10, publishedAt: at('2026-11-23T10:00:00Z'), views: 50 },
        ],
        { token: 'test-bearer', pageSize: 2 },
      ),
    mentions: ({ recipe }) => {
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
      return [
        m('1860000000000000001', 'Acme kettle broke after 2 weeks', 'Jane Doe', 'janedoe', 340, '2026-11-23T08:00:00Z', [3, 1, 0, 120]),
        m('1860000000000000003', 'Acme support fixed it fast', 'Bob', 'bob', 10, '2026-11-23T10:00:00Z', [0, 0, 0, 50]),
      ];
    },
    broken: 'unreadable time "yesterday-ish"',
    firstTarget: { pages: 2, stoppedBy: 'no-next' },
  },
  {
    preset: 'google-news',
    does: 'reads RSS items, strips the " - Publisher" suffix, and skips the item with an unreadable pubDate',
    site: () =>
      googleNewsSite([
        { id: 'CBMiA1', text: 'Acme recalls 10,000 kettles', author: 'Daily News', handle: 'dailynews.example', publishedAt: at('2026-11-22T08:00:00Z') },
        broken('CBMiA2'),
        { id: 'CBMiA3', text: 'Acme opens new factory', author: 'Business Wire', handle: 'bw.example', publishedAt: at('2026-11-23T06:30:00Z') },
      ]),
    mentions: ({ recipe }) => {
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
      return [
        m('CBMiA1', 'Acme recalls 10,000 kettles', 'Daily News', 'dailynews.example', '2026-11-22T08:00:00Z'),
        m('CBMiA3', 'Acme opens new factory', 'Business Wire', 'bw.example', '2026-11-23T06:30:00Z'),
      ];
    },
    broken: 'unreadable time "sometime"',
  },
];
