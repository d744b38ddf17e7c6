/**
 * The demo's storyline, as data: a restaurant brand and its competitor chat along normally, then a
 * food-safety complaint appears on Weibo, spreads (reposts, one-star marketplace reviews, a news story)
 * and calms down. Everything is a function of the demo's start time and "now", so a page fetched at
 * any moment shows exactly the posts published by then, with engagement grown accordingly.
 */
import type { FixturePost } from './sites/fixture-site.js';

export const DEMO_BRANDS = [
  {
    id: 'sunrise',
    name: 'Sunrise Kitchen',
    names: { en: 'Sunrise Kitchen', zh: '日出厨房' },
    aliases: ['Sunrise Kitchen', 'sunrise kitchen'],
    keywords: ['日出厨房'],
    competitors: ['harbor'],
    timezone: 'Asia/Shanghai',
  },
  {
    id: 'harbor',
    name: 'Harbor Noodles',
    names: { en: 'Harbor Noodles', zh: '港湾面馆' },
    aliases: ['Harbor Noodles', 'harbor noodles'],
    keywords: ['港湾面馆'],
    competitors: ['sunrise'],
    kind: 'competitor',
    timezone: 'Asia/Shanghai',
  },
] as const;

export type DemoBrand = (typeof DEMO_BRANDS)[number]['id'];
export type DemoChannel = 'weibo' | 'jd' | 'news';

export interface StoryPost extends FixturePost {
  brand: DemoBrand;
  channel: DemoChannel;
}

/** When the crisis begins and how long it spreads, seconds after the demo starts. */
export const CRISIS_STARTS_S = 75;
const SPREAD_S = 240;

const CHATTER: Record<DemoBrand, { text: string; rating: number }[]> = {
  sunrise: [
    { text: '日出厨房的鸡肉饭还是那么好吃，送餐也快', rating: 5 },
    { text: '今天中午点了日出厨房，味道不错，分量很足', rating: 5 },
    { text: '日出厨房新出的番茄牛腩饭推荐！', rating: 5 },
    { text: '日出厨房的外卖包装很用心，点赞', rating: 4 },
    { text: '又是日出厨房的一天，打工人的午饭', rating: 4 },
  ],
  harbor: [
    { text: '港湾面馆的牛肉面汤头很浓，好吃', rating: 5 },
    { text: '港湾面馆排队的人好多，不过值得', rating: 4 },
    { text: '今天试了港湾面馆的新品，还可以', rating: 4 },
  ],
};

const COMPLAINTS = [
  '吃了日出厨房的鸡肉饭后全家食物中毒，孩子吐了一晚上，太恶心了！',
  '我也是！昨天吃日出厨房拉肚子，怀疑食物中毒，已经去医院了',
  '日出厨房食物中毒的事情是真的吗？我同事也说吃坏肚子了',
  '转发：日出厨房鸡肉饭疑似变质，多人食物中毒，请大家注意',
  '日出厨房必须给个说法！吃了发烧腹泻，太可怕了',
  '再也不点日出厨房了，食物中毒住院两天',
];

const REVIEWS = [
  '吃完就拉肚子，怀疑食物中毒，差评！',
  '鸡肉有异味，变质了，家人吃了呕吐',
  '食物中毒，商家不回应，极差',
];

/** News stories, `at` seconds after the start. */
const NEWS = [
  { at: 150, text: 'Customers report food poisoning after Sunrise Kitchen chicken rice meals', author: 'City Daily' },
  { at: 260, text: 'Health inspectors look into Sunrise Kitchen after food poisoning complaints spread online', author: 'Metro News' },
];

/** A deterministic pseudo-random number in [0, 1) for a seed (stable across restarts). */
function rand(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

/** Normal chatter of the 24 hours before the demo: one post per brand and channel every ~12 min, for baselines. */
export function history(startedAt: Date): StoryPost[] {
  const out: StoryPost[] = [];
  const slot = 12 * 60_000;
  const first = Math.floor((startedAt.getTime() - 24 * 3_600_000) / slot);
  const last = Math.floor(startedAt.getTime() / slot);
  for (let s = first; s < last; s++) {
    for (const brand of ['sunrise', 'harbor'] as const) {
      if (brand === 'harbor' && s % 2) continue;
      const c = CHATTER[brand][s % CHATTER[brand].length]!;
      const channel: DemoChannel = s % 3 === 0 ? 'jd' : 'weibo';
      out.push({ brand, channel, id: `${brand}-h-${s}`, text: c.text, author: `食客${s % 97}`, handle: String(1000 + (s % 97)), publishedAt: new Date(s * slot + rand(s) * slot * 0.5), rating: c.rating, likes: Math.round(rand(s + 1) * 20), shares: Math.round(rand(s + 2) * 3), comments: Math.round(rand(s + 3) * 5), followers: 300 });
    }
  }
  return out;
}

/** The posts the demo's sites show `elapsedS` seconds after the start, newest first. */
export function storyAt(startedAt: Date, elapsedS: number): StoryPost[] {
  const t0 = startedAt.getTime();
  const key = Math.floor(t0 / 1000);
  const at = (s: number) => new Date(t0 + s * 1000);
  const out: StoryPost[] = [];
  // Normal chatter all along: every 20 s, alternating brands and channels.
  for (let s = 5, n = 0; s <= elapsedS; s += 20, n++) {
    const brand = n % 3 === 2 ? 'harbor' : 'sunrise';
    const c = CHATTER[brand][n % CHATTER[brand].length]!;
    // JD comment ids are numbers; Weibo's are numeric strings: both get numbers unique to this run.
    out.push({ brand, channel: n % 4 === 3 ? 'jd' : 'weibo', id: String(key * 100_000 + n), text: c.text, author: `用户${n}`, handle: String(2000 + n), publishedAt: at(s), rating: c.rating, likes: 3 + (n % 7), shares: n % 2, comments: n % 4, followers: 500 });
  }
  // The first complaint: its reposts and comments grow every second it is online.
  if (elapsedS >= CRISIS_STARTS_S) {
    const age = elapsedS - CRISIS_STARTS_S;
    out.push({ brand: 'sunrise', channel: 'weibo', id: String(key * 100_000 + 49_999), text: COMPLAINTS[0]!, author: '小雨妈妈', handle: '88001', followers: 52_000, publishedAt: at(CRISIS_STARTS_S), likes: 40 + age * 25, shares: 10 + age * 14, comments: 5 + age * 6, views: 2_000 + age * 900 });
  }
  // Then others join in, fastest in the first minutes of the spread.
  for (let s = CRISIS_STARTS_S + 25, n = 0; s <= Math.min(elapsedS, CRISIS_STARTS_S + SPREAD_S); s += n < 25 ? 7 : 15, n++) {
    const age = elapsedS - s;
    out.push({ brand: 'sunrise', channel: n % 5 === 4 ? 'jd' : 'weibo', id: String(key * 100_000 + 50_000 + n), text: n % 5 === 4 ? REVIEWS[n % REVIEWS.length]! : COMPLAINTS[1 + (n % (COMPLAINTS.length - 1))]!, author: `网友${n}`, handle: String(3000 + n), followers: 200 + n * 50, publishedAt: at(s), rating: 1, likes: 5 + age * 2, shares: 2 + Math.floor(age / 2), comments: 1 + Math.floor(age / 3), views: 300 + age * 40 });
  }
  for (const [i, item] of NEWS.entries()) {
    if (elapsedS >= item.at) out.push({ brand: 'sunrise', channel: 'news', id: `news-${key}-${i}`, text: item.text, author: item.author, handle: `${item.author.toLowerCase().replace(/\s+/g, '')}.example`, publishedAt: at(item.at) });
  }
  return out.sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
}
