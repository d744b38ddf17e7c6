// Synthetic data for bench/scale.ts: mentions as a scraper or a client would push them (Chinese and English
// texts from templates, engagement, negatives, crisis terms), each a pure function of its index so a run can
// regenerate any stored mention later; and a replay scenario in the JSONL format of test/scenarios.
// Lives in bench/support/ so `npm run bench` does not run it as a benchmark of its own.

export const DAY_MS = 86_400_000;

export interface BenchBrand {
  id: string;
  name: string;
  zh: string;
  en: string;
  aliases: string[];
  competitors: string[];
  /** Share of all mentions. */
  share: number;
  products: { zh: string[]; en: string[] };
}

export const BRANDS: BenchBrand[] = [
  {
    id: 'acme', name: 'Acme Foods', zh: '阿克米', en: 'Acme', aliases: ['Acme', '阿克米'], competitors: ['bolt', 'cedar'], share: 0.6,
    products: { zh: ['外卖', '午餐套餐', '牛肉面', '炸鸡', '早餐', '新品汉堡'], en: ['lunch box', 'beef noodles', 'fried chicken', 'delivery', 'breakfast set', 'new burger'] },
  },
  {
    id: 'bolt', name: 'Bolt Coffee', zh: '宝尔特咖啡', en: 'Bolt Coffee', aliases: ['Bolt Coffee', '宝尔特'], competitors: [], share: 0.25,
    products: { zh: ['拿铁', '冷萃', '会员卡', '小程序', '生椰拿铁', '月饼礼盒'], en: ['latte', 'cold brew', 'loyalty card', 'app', 'oat latte', 'gift box'] },
  },
  {
    id: 'cedar', name: 'Cedar Mart', zh: '雪松超市', en: 'Cedar Mart', aliases: ['Cedar Mart', '雪松'], competitors: [], share: 0.15,
    products: { zh: ['生鲜', '会员日', '配送', '自提', '水果', '进口牛奶'], en: ['fresh produce', 'member day', 'home delivery', 'pickup', 'fruit', 'imported milk'] },
  },
];

export const PLATFORMS = ['weibo', 'xiaohongshu', 'douyin', 'jd', 'news', 'reddit'] as const;
/** Relative volume per platform, and how much of it is Chinese. */
const PLATFORM_WEIGHT = [0.3, 0.18, 0.17, 0.15, 0.08, 0.12];
const CHINESE_SHARE: Record<string, number> = { weibo: 0.95, xiaohongshu: 0.97, douyin: 0.97, jd: 0.98, news: 0.55, reddit: 0.05 };
const REACH: Record<string, number> = { weibo: 3, xiaohongshu: 1.5, douyin: 4, jd: 0.3, news: 2, reddit: 1 };

const ZH = {
  positive: ['味道不错', '很好吃，分量也足', '送得很快，还是热的', '包装完好，五星好评', '性价比很高', '服务态度很好', '会回购的', '比上次还好吃', '真的绝了，强烈推荐', '店员小姐姐很热情'],
  neutral: ['一般般吧，没什么特别的', '有人试过吗？', '今天出了新品，等下去看看', '听说在搞活动', '价格和以前差不多', '排队的人有点多', '换了新包装', '和朋友一起去的'],
  negative: ['太难吃了', '等了{n}分钟还没送到', '客服态度很差，一直不回复', '价格又涨了，分量越来越少', '退款一直没处理', '送错了单，也没人管', '凉了才送到，很失望', '质量越来越差了'],
  crisis: ['吃出头发', '吃出异物', '食物中毒', '吃完拉肚子', '变质了', '买到假货', '发霉了', '有蟑螂'],
  angry: ['太恶心了', '已经打12315投诉', '大家千万别买了', '再也不买了', '必须给个说法', '孩子进了医院'],
  tails: { positive: ['', '', ' [赞]', ' 😋', ' 👍', '！', ' #打工人的午餐#'], neutral: ['', '', '。', '～', ' #周末去哪儿#'], negative: ['', ' [怒]', ' 😡', '！！', ' [失望]'] },
};

const EN = {
  positive: ['really good', 'delivery was fast and still hot', 'great value for money', 'staff were lovely', 'best one in town', 'will order again', 'better than last time'],
  neutral: ['anyone tried it?', 'is running a promo this week', 'changed the packaging again', 'prices are about the same as before', 'the queue was long today'],
  negative: ['was cold and {n} minutes late', 'customer service never answered', 'is way overpriced now', 'portions keep shrinking', 'refund still not processed', 'app keeps crashing at checkout'],
  crisis: ['food poisoning', 'got sick', 'found a hair in my', 'moldy', 'scammed', 'a recall'],
  angry: ['Never again.', 'Disgusting.', 'Reporting this.', 'Avoid.', 'Unacceptable.'],
  tails: { positive: ['', '', ' 👍', '!', ' #foodie'], neutral: ['', '.', ' 🤔'], negative: ['', ' 😡', '!!', ' #fail'] },
};

/** mulberry32 seeded from an index and a salt: the same index always gives the same mention. */
export function rngFor(index: number, salt: number): () => number {
  let s = (Math.imul(index ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 0x632be5ab, 0xc2b2ae35)) | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pickFrom = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
function weighted<T>(r: () => number, xs: readonly T[], weights: readonly number[]): T {
  let x = r() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < xs.length; i++) if ((x -= weights[i]!) < 0) return xs[i]!;
  return xs[xs.length - 1]!;
}

export type Tone = 'positive' | 'neutral' | 'negative' | 'crisis';

/** A mention text in the given language and tone, from the templates. */
export function mentionText(r: () => number, brand: BenchBrand, zh: boolean, tone: Tone): { text: string; title?: string } {
  const n = String(30 + Math.floor(r() * 90));
  if (zh) {
    const p = pickFrom(r, brand.products.zh);
    const b = brand.zh;
    const tail = pickFrom(r, ZH.tails[tone === 'crisis' ? 'negative' : tone]);
    const say = (xs: string[]) => pickFrom(r, xs).replace('{n}', n);
    switch (tone) {
      case 'positive':
        return { text: pickFrom(r, [`今天点了${b}的${p}，${say(ZH.positive)}`, `${b}的${p}${say(ZH.positive)}，推荐给大家`, `第${n}次买${b}的${p}了，${say(ZH.positive)}`, `#${b}${p}# ${say(ZH.positive)}`]) + tail };
      case 'neutral':
        return { text: pickFrom(r, [`${b}的${p}，${say(ZH.neutral)}`, `${b}${p}${say(ZH.neutral)}`, `路过${b}，${say(ZH.neutral)}`]) + tail };
      case 'negative':
        return { text: pickFrom(r, [`${b}的${p}${say(ZH.negative)}`, `再也不想点${b}了，${say(ZH.negative)}`, `${b}你们的${p}怎么回事？${say(ZH.negative)}`]) + tail };
      case 'crisis':
        return { text: `在${b}买的${p}${say(ZH.crisis)}，${say(ZH.angry)}${tail}`, title: r() < 0.3 ? `${b}${p}被曝${say(ZH.crisis)}` : undefined };
    }
  }
  const p = pickFrom(r, brand.products.en);
  const b = brand.en;
  const tail = pickFrom(r, EN.tails[tone === 'crisis' ? 'negative' : tone]);
  const say = (xs: string[]) => pickFrom(r, xs).replace('{n}', n);
  switch (tone) {
    case 'positive':
      return { text: pickFrom(r, [`Ordered the ${p} from ${b} again, ${say(EN.positive)}`, `${b} ${p}: ${say(EN.positive)}`, `Tried ${b}'s ${p} today, ${say(EN.positive)}`]) + tail };
    case 'neutral':
      return { text: pickFrom(r, [`${b} ${p} ${say(EN.neutral)}`, `${b} ${say(EN.neutral)}`, `Thinking about the ${p} at ${b}, ${say(EN.neutral)}`]) + tail };
    case 'negative':
      return { text: pickFrom(r, [`${b} ${p} ${say(EN.negative)}`, `Honestly ${b}, your ${p} ${say(EN.negative)}`]) + tail };
    case 'crisis': {
      const c = say(EN.crisis);
      const text = c === 'found a hair in my' ? `Just ${c} ${b} ${p}. ${say(EN.angry)}` : c === 'moldy' ? `My ${b} ${p} was ${c}. ${say(EN.angry)}` : c === 'a recall' ? `Is there ${c} on ${b} ${p}? Mine looked off. ${say(EN.angry)}` : `${c[0]!.toUpperCase()}${c.slice(1)} after ${b} ${p}. ${say(EN.angry)}`;
      return { text: text + tail, title: r() < 0.3 ? `${b} ${p} complaints grow` : undefined };
    }
  }
}

/** Tone mix: ~15 % negative, of which about one in eight names a crisis term. */
function toneOf(r: () => number): Tone {
  const x = r();
  return x < 0.02 ? 'crisis' : x < 0.15 ? 'negative' : x < 0.45 ? 'neutral' : 'positive';
}

/** One heavy-tailed reach per post (most get a handful of likes, a few go far); the other counters follow it. */
function engagementOf(r: () => number, platform: string, tone: Tone) {
  const reach = (REACH[platform] ?? 1) * (tone === 'crisis' ? 4 : tone === 'negative' ? 1.5 : 1);
  const likes = Math.floor(r() ** 6 * 2000 * reach + r() * 8);
  return {
    likes,
    shares: Math.floor(likes * r() * 0.15),
    comments: Math.floor(likes * (0.05 + r() * 0.3)),
    views: Math.floor(likes * (15 + r() * 40) + r() * 300),
  };
}

export interface MentionBody {
  brand: string;
  platform: string;
  externalId: string;
  text: string;
  title?: string;
  url: string;
  publishedAt: string;
  observedAt: string;
  author: { name: string; handle: string; followers: number };
  engagement: { likes: number; shares: number; comments: number; views: number };
  rating?: number;
}

/**
 * Stored mention `i` of a history of `total` spread evenly (with jitter, a daily rhythm and random order within a
 * slot) over [start, start + spanMs): what a client or scraper pushes, ready for IngestService or the push API.
 */
export function historyMention(i: number, total: number, start: number, spanMs: number, idPrefix: string): MentionBody {
  const r = rngFor(i, 1);
  // Evenly over the span, nudged towards the busy hours of the day (Asia/Shanghai evenings).
  let t = start + ((i + r()) / total) * spanMs;
  const hourCn = new Date(t + 8 * 3_600_000).getUTCHours();
  if (hourCn < 7 && r() < 0.6) t += (7 - hourCn) * 3_600_000 * r();
  t = Math.min(t, start + spanMs - 60_000);
  return mentionAt(r, `${idPrefix}${i}`, t, Math.min(t + (1 + r() * 30) * 60_000, start + spanMs));
}

/** A brand-new mention (published in the last two hours before `now`). */
export function newMention(k: number, now: number, idPrefix: string): MentionBody {
  const r = rngFor(k, 2);
  const t = now - Math.floor(r() * 2 * 3_600_000) - 60_000;
  return mentionAt(r, `${idPrefix}${k}`, t, now);
}

function mentionAt(r: () => number, externalId: string, publishedAt: number, observedAt: number): MentionBody {
  const brand = weighted(r, BRANDS, BRANDS.map((b) => b.share));
  const platform = weighted(r, PLATFORMS, PLATFORM_WEIGHT);
  const zh = r() < CHINESE_SHARE[platform]!;
  const tone = toneOf(r);
  const { text, title } = mentionText(r, brand, zh, tone);
  const user = Math.floor(r() ** 2 * 200_000);
  return {
    brand: brand.id,
    platform,
    externalId,
    text,
    ...(title && (platform === 'news' || platform === 'weibo') ? { title } : {}),
    url: `https://${platform}.example.com/p/${externalId}`,
    publishedAt: new Date(publishedAt).toISOString(),
    observedAt: new Date(observedAt).toISOString(),
    author: { name: zh ? `${platform}用户${user}` : `user_${user}`, handle: `h${user}`, followers: Math.floor(r() ** 5 * 500_000) },
    engagement: engagementOf(r, platform, tone),
    ...(platform === 'jd' ? { rating: tone === 'positive' ? 5 : tone === 'neutral' ? 3 + Math.floor(r() * 2) : 1 + Math.floor(r() * 2) } : {}),
  };
}

/**
 * The same mention seen again at `now` with grown engagement (a re-scrape): a random first step (by `salt`), then
 * growth by the minutes since it was first observed, so each later run on a reused history (--data) sees engagement
 * that changed since the last run (an update, not a repeat of the last run's counts).
 */
export function reseen(m: MentionBody, now: number, salt: number): MentionBody {
  const r = rngFor(salt, 3);
  const e = m.engagement;
  const minutes = Math.max(0, Math.floor((now - Date.parse(m.observedAt)) / 60_000));
  return {
    ...m,
    observedAt: new Date(now).toISOString(),
    engagement: { likes: e.likes + 1 + Math.floor(r() * 50) + Math.floor(minutes / 10), shares: e.shares + Math.floor(r() * 5), comments: e.comments + Math.floor(r() * 10), views: e.views + 10 + Math.floor(r() * 1000) + minutes },
  };
}

/**
 * A replay scenario (test/scenarios JSONL): one brand, `mentions` mention lines over `days` days from `start`, a
 * daily rhythm, a food-safety story on the second afternoon that goes viral (its post re-observed with growing
 * engagement) and the usual trickle of complaints. Lines come in time order, as the format requires.
 */
export function replayScenario(start: number, days: number, mentions: number): string {
  const r = rngFor(7, 4);
  const brand = BRANDS[0]!;
  const lines: { at: number; line: Record<string, unknown> }[] = [];
  const crisisAt = start + DAY_MS + 14 * 3_600_000;
  // The viral post and its re-observations (every 5 min for 2 h), then a burst of follow-ups.
  const viral = { platform: 'weibo', externalId: 'scale-viral-0', publishedAt: new Date(crisisAt).toISOString(), author: '小王妈妈', text: `吃了${brand.zh}的外卖，全家食物中毒，孩子进了医院！大家千万别再买了` };
  for (let k = 0; k < 24; k++) {
    const g = (k + 1) ** 2;
    lines.push({ at: crisisAt + k * 300_000, line: { type: 'mention', brand: brand.id, ...viral, engagement: { likes: 30 * g, shares: 10 * g, comments: 3 * g, views: 400 * g }, ...(k ? { observedAt: new Date(crisisAt + k * 300_000).toISOString() } : {}) } });
  }
  const burst = Math.round(mentions * 0.12);
  for (let k = 0; k < burst; k++) {
    const at = crisisAt + 600_000 + Math.floor(r() ** 1.5 * 3 * 3_600_000);
    const zh = r() < 0.85;
    const { text } = mentionText(r, brand, zh, r() < 0.6 ? 'crisis' : 'negative');
    lines.push({ at, line: { type: 'mention', brand: brand.id, platform: zh ? pickFrom(r, ['weibo', 'douyin', 'xiaohongshu']) : 'reddit', externalId: `scale-burst-${k}`, publishedAt: new Date(at).toISOString(), author: `user${Math.floor(r() * 5000)}`, text, engagement: engagementOf(r, 'weibo', 'negative') } });
  }
  const background = mentions - lines.length;
  for (let k = 0; k < background; k++) {
    let at = start + ((k + r()) / background) * days * DAY_MS;
    const hourCn = new Date(at + 8 * 3_600_000).getUTCHours();
    if (hourCn < 7) at += (7 - hourCn) * 3_600_000 * r() * 0.9;
    const platform = weighted(r, PLATFORMS, PLATFORM_WEIGHT);
    const zh = r() < CHINESE_SHARE[platform]!;
    const tone = toneOf(r);
    const { text } = mentionText(r, brand, zh, tone === 'crisis' ? 'negative' : tone);
    lines.push({ at, line: { type: 'mention', brand: brand.id, platform, externalId: `scale-bg-${k}`, publishedAt: new Date(at).toISOString(), author: `user${Math.floor(r() * 20_000)}`, text, engagement: engagementOf(r, platform, tone), ...(platform === 'jd' ? { rating: tone === 'positive' ? 5 : tone === 'neutral' ? 3 : 1 } : {}) } });
  }
  lines.sort((a, b) => a.at - b.at);
  const head = { type: 'brand', id: brand.id, name: brand.name, aliases: brand.aliases, keywords: [brand.en.toLowerCase(), brand.zh], timezone: 'Asia/Shanghai' };
  return [head, ...lines.map((l) => l.line)].map((l) => JSON.stringify(l)).join('\n') + '\n';
}
