import { jdCommentsSite } from './sites/marketplace-sites.js';
import { googleNewsSite } from './sites/feed-sites.js';
import type { FixtureRoute } from './sites/fixture-site.js';
import { weiboSearchSite } from './sites/social-sites.js';
import { DEMO_BRANDS, type DemoBrand, type DemoChannel, type StoryPost } from './demo-story.js';

/** JD product ids of the demo brands' marketplace listings. */
export const DEMO_PRODUCTS: Record<DemoBrand, string> = { sunrise: '100088001', harbor: '100088002' };

const brandOfKeyword = (q: string | null | undefined) => DEMO_BRANDS.find((b) => q && b.keywords.some((k) => q.includes(k)))?.id;

/**
 * The demo's platform sites, in the real formats (the sources engineer's fixture builders): a Weibo
 * search API, JD product comments (JSONP) and a Google News RSS feed. Each request is answered from the
 * storyline as it stands at that moment, filtered to the brand the query names.
 */
export function demoRoutes(posts: () => { now: Date; posts: StoryPost[] }): FixtureRoute[] {
  const pick = (brand: DemoBrand | undefined, channel: DemoChannel) => {
    const { now, posts: all } = posts();
    return { now, posts: all.filter((p) => p.brand === brand && p.channel === channel) };
  };
  return [
    {
      path: '/api/container/getIndex',
      respond: (url, body, headers) => {
        // containerid is "100103type=61&q=<keyword>&t=0", URL-encoded once more inside the query.
        const q = new URLSearchParams(url.searchParams.get('containerid') ?? '').get('q');
        const { now, posts: items } = pick(brandOfKeyword(q), 'weibo');
        return weiboSearchSite(items, { now, pageSize: 10 })[0]!.respond(url, body, headers);
      },
    },
    {
      path: '/comment/productPageComments.action',
      respond: (url, body, headers) => {
        const id = url.searchParams.get('productId') ?? '';
        const brand = (Object.keys(DEMO_PRODUCTS) as DemoBrand[]).find((b) => DEMO_PRODUCTS[b] === id);
        return jdCommentsSite(id, pick(brand, 'jd').posts, { pageSize: 10 })[0]!.respond(url, body, headers);
      },
    },
    {
      path: '/rss/search',
      respond: (url, body, headers) => googleNewsSite(pick(brandOfKeyword(url.searchParams.get('q')), 'news').posts)[0]!.respond(url, body, headers),
    },
  ];
}
