/** Rows of the preset table for reviews and forums: marketplaces, app stores, review sites, Discourse threads. */
import { expect } from '@jest/globals';
import { appStoreReviewsSite, discourseTopicSite, googlePlayReviewsSite } from '../../src/demo/sites/feed-sites.js';
import { amazonReviewsSite, jdCommentsSite, tmallRatesSite, trustpilotSite } from '../../src/demo/sites/marketplace-sites.js';
import { mentionOf, tempFile } from './harness.js';
import { at, broken, engagement, type PresetCase } from './preset-cases.js';

export const reviewPresets: PresetCase[] = [
  {
    preset: 'jd-comments',
    does: 'unwraps the JSONP, reads Beijing-time dates and star scores, and pages from 0 until a page is empty',
    product: { id: '100012043978' },
    site: () =>
      jdCommentsSite(
        '100012043978',
        [
          { id: '2001', text: '烧水很快，外观好看', author: 'j***1', rating: 5, likes: 2, comments: 1, publishedAt: at('2026-11-20T05:45:12Z') },
          broken('2002'),
          { id: '2003', text: '用了一周就坏了', author: 'j***3', rating: 1, publishedAt: at('2026-11-22T01:00:00Z') },
        ],
        { pageSize: 2 },
      ),
    mentions: ({ recipe, product }) => {
      const m = (id: string, text: string, author: string, rating: number, publishedAt: string, e: ReturnType<typeof engagement>) =>
        mentionOf(recipe, {
          externalId: id,
          url: `https://item.jd.com/${product}.html#comment`,
          author: { name: author },
          text,
          lang: 'zh',
          publishedAt: at(publishedAt),
          engagement: e,
          rating,
          ratingScale: 5,
          extra: { product: 'Acme 电热水壶 1.7L', variant: '白色' },
        });
      return [
        m('2001', '烧水很快，外观好看', 'j***1', 5, '2026-11-20T05:45:12Z', engagement(2, 1)),
        m('2003', '用了一周就坏了', 'j***3', 1, '2026-11-22T01:00:00Z', engagement(0)),
      ];
    },
    broken: 'item 2002: unreadable time "暂无"',
    firstTarget: { pages: 3, stoppedBy: 'no-items' },
  },
  {
    preset: 'tmall-reviews',
    does: 'sends the exported cookies, fills sellerId from the product vars, and stops at paginator.lastPage',
    product: { id: '600000000001', vars: { sellerId: '2200000001' } },
    site: () =>
      tmallRatesSite(
        '600000000001',
        [
          { id: '3001', text: '质量不错', author: 't**1', publishedAt: at('2026-11-21T04:00:00Z') },
          broken('3002'),
          { id: '3003', text: '物流太慢', author: 't**3', publishedAt: at('2026-11-22T04:30:00Z') },
        ],
        { pageSize: 2, requireCookie: '_tb_token_=abc' },
      ),
    recipe: async (preset) => {
      const cookiesFile = await tempFile('cookies.txt', `# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\t_tb_token_\tabc\n`);
      return { ...preset, fetch: { ...preset.fetch, cookiesFile } };
    },
    mentions: ({ recipe }) => {
      const m = (id: string, text: string, author: string, publishedAt: string) =>
        mentionOf(recipe, { externalId: id, author: { name: author }, text, lang: 'zh', publishedAt: at(publishedAt), extra: { variant: '颜色分类:黑色' } });
      return [m('3001', '质量不错', 't**1', '2026-11-21T04:00:00Z'), m('3003', '物流太慢', 't**3', '2026-11-22T04:30:00Z')];
    },
    broken: 'item 3002: no text',
    firstTarget: { pages: 2, stoppedBy: 'last-page' },
    check: ({ site, log }) => {
      expect(site.requests[1]).toContain(`itemId=600000000001&sellerId=2200000001&`);
      expect(JSON.stringify(log)).not.toContain('_tb_token_');
    },
  },
  {
    preset: 'amazon-reviews',
    does: 'reads review blocks with cheerio, parses "4.0 out of 5 stars" and helpful votes, and follows the Next page link',
    product: { id: 'B0TESTASIN' },
    site: () =>
      amazonReviewsSite(
        'B0TESTASIN',
        [
          { id: 'R1AAA', title: 'Leaks', text: 'Started leaking\nafter a week.', author: 'Sam', rating: 2, likes: 12, publishedAt: at('2026-11-20T00:00:00Z') },
          broken('R2BBB'),
          { id: 'R3CCC', title: 'Great kettle', text: 'Boils fast.', author: 'Kim', rating: 5, likes: 1, publishedAt: at('2026-11-21T00:00:00Z') },
        ],
        { pageSize: 2 },
      ),
    mentions: ({ recipe, origin, product: asin }) => {
      const m = (id: string, title: string, text: string, author: string, rating: number, likes: number, publishedAt: string) =>
        mentionOf(recipe, {
          externalId: id,
          url: `${origin}/gp/customer-reviews/${id}/ref=cm_cr_arp_d_rvw_ttl?ie=UTF8&ASIN=${asin}`,
          author: { name: author },
          text,
          title,
          lang: 'en',
          publishedAt: at(publishedAt),
          engagement: engagement(likes),
          rating,
          ratingScale: 5,
        });
      return [
        m('R1AAA', 'Leaks', 'Started leaking\nafter a week.', 'Sam', 2, 12, '2026-11-20T00:00:00Z'),
        m('R3CCC', 'Great kettle', 'Boils fast.', 'Kim', 5, 1, '2026-11-21T00:00:00Z'),
      ];
    },
    broken: 'item R2BBB: unreadable time "a sunny day"',
    firstTarget: { pages: 2, stoppedBy: 'no-next' },
  },
  {
    preset: 'appstore-reviews',
    does: 'reads label-wrapped feed entries, including a page whose single entry is an object',
    product: { id: '1500000001' },
    site: () =>
      appStoreReviewsSite(
        '1500000001',
        [
          { id: '11001', title: 'Crashes', text: 'App crashes on launch', author: 'user1', rating: 1, likes: 3, publishedAt: at('2026-11-20T12:12:33Z') },
          broken('11002'),
          { id: '11003', title: 'Nice', text: 'Works well', author: 'user3', rating: 5, publishedAt: at('2026-11-21T08:00:00Z') },
        ],
        { pageSize: 2 },
      ),
    mentions: ({ recipe }) => {
      const m = (id: string, title: string, text: string, author: string, rating: number, likes: number, publishedAt: string) =>
        mentionOf(recipe, { externalId: id, author: { name: author }, text, title, publishedAt: at(publishedAt), engagement: engagement(likes), rating, ratingScale: 5, extra: { appVersion: '4.2.1' } });
      return [
        m('11001', 'Crashes', 'App crashes on launch', 'user1', 1, 3, '2026-11-20T12:12:33Z'),
        m('11003', 'Nice', 'Works well', 'user3', 5, 0, '2026-11-21T08:00:00Z'),
      ];
    },
    broken: 'item 11002: unreadable time "recently"',
    firstTarget: { pages: 3, stoppedBy: 'no-items' },
  },
  {
    preset: 'googleplay-reviews',
    does: 'posts the batchexecute f.req with the continuation token and reads reviews from the nested JSON string',
    product: { id: 'com.acme.kettle' },
    site: () =>
      googlePlayReviewsSite(
        'com.acme.kettle',
        [
          { id: 'gp:AOqpTO1', text: 'Useless app', author: 'Ann', rating: 1, likes: 7, publishedAt: at('2026-11-22T12:00:00Z') },
          broken('gp:AOqpTO2'),
          { id: 'gp:AOqpTO3', text: 'Handy', author: 'Ben', rating: 4, publishedAt: at('2026-11-23T00:00:00Z') },
        ],
        { pageSize: 2 },
      ),
    mentions: ({ recipe }) => {
      const m = (id: string, text: string, author: string, rating: number, likes: number, publishedAt: string) =>
        mentionOf(recipe, { externalId: id, author: { name: author }, text, publishedAt: at(publishedAt), engagement: engagement(likes), rating, ratingScale: 5, extra: { appVersion: '4.2.1' } });
      return [m('gp:AOqpTO1', 'Useless app', 'Ann', 1, 7, '2026-11-22T12:00:00Z'), m('gp:AOqpTO3', 'Handy', 'Ben', 4, 0, '2026-11-23T00:00:00Z')];
    },
    broken: 'item gp:AOqpTO2: no time',
    firstTarget: { pages: 2, stoppedBy: 'no-next' },
  },
  {
    preset: 'trustpilot',
    does: 'reads reviews from __NEXT_DATA__ and stops at totalPages',
    product: { id: 'acme.example' },
    site: () =>
      trustpilotSite(
        'acme.example',
        [
          { id: '6740a1', title: 'Terrible support', text: 'Waited 3 weeks for a refund.', author: 'Chris', rating: 1, likes: 2, publishedAt: at('2026-11-21T09:12:00Z') },
          broken('6740a2'),
          { id: '6740a3', title: 'Great', text: 'Arrived quickly.', author: 'Dana', rating: 5, publishedAt: at('2026-11-22T10:00:00Z') },
        ],
        { pageSize: 2 },
      ),
    mentions: ({ recipe }) => {
      const m = (id: string, title: string, text: string, author: string, rating: number, likes: number, publishedAt: string) =>
        mentionOf(recipe, {
          externalId: id,
          url: `https://www.trustpilot.com/reviews/${id}`,
          author: { name: author },
          text,
          title,
          lang: 'en',
          publishedAt: at(publishedAt),
          engagement: engagement(likes),
          rating,
          ratingScale: 5,
          extra: { country: 'GB' },
        });
      return [
        m('6740a1', 'Terrible support', 'Waited 3 weeks for a refund.', 'Chris', 1, 2, '2026-11-21T09:12:00Z'),
        m('6740a3', 'Great', 'Arrived quickly.', 'Dana', 5, 0, '2026-11-22T10:00:00Z'),
      ];
    },
    broken: 'item 6740a2: no time',
    firstTarget: { pages: 2, stoppedBy: 'last-page' },
  },
  {
    preset: 'discourse-thread',
    does: 'reads cooked HTML posts, likes from actions_summary, and stops at the 404 past the last page',
    product: { id: '4242' },
    site: () =>
      discourseTopicSite(
        '4242',
        [
          { id: '901', text: 'My kettle stopped working.\nAny ideas?', author: 'Eve', handle: 'eve', likes: 3, comments: 1, views: 40, publishedAt: at('2026-11-20T10:00:00Z') },
          broken('902'),
          { id: '903', text: 'Contact Acme support.', author: 'Frank', handle: 'frank', views: 12, publishedAt: at('2026-11-20T11:00:00Z') },
        ],
        { pageSize: 2 },
      ),
    mentions: ({ recipe }) => {
      const m = (n: number, text: string, name: string, handle: string, e: ReturnType<typeof engagement>, publishedAt: string) =>
        mentionOf(recipe, {
          externalId: `4242-${n}`,
          url: `https://meta.discourse.org/t/kettle-stopped-working/4242/${n}`,
          author: { name, handle },
          text,
          title: 'Kettle stopped working after a month',
          publishedAt: at(publishedAt),
          engagement: e,
        });
      return [
        m(1, 'My kettle stopped working.\nAny ideas?', 'Eve', 'eve', engagement(3, 1, 40), '2026-11-20T10:00:00Z'),
        m(3, 'Contact Acme support.', 'Frank', 'frank', engagement(0, 0, 12), '2026-11-20T11:00:00Z'),
      ];
    },
    broken: 'item 4242-2: unreadable time "last week"',
    firstTarget: { pages: 2, stoppedBy: 'end-status' },
  },
];
