import type { StoryPost } from './features.js';

/** A post shown for a story: its first post or its most engaged one. */
export interface StoryPostRef {
  mention: string;
  platform: string;
  url?: string;
  author?: string;
  text: string;
  publishedAt: Date;
  reach: number;
}

/** One story: an original post and its reposts, quotes, edits and copies across platforms. */
export interface Story {
  id: string;
  brand: string;
  first: StoryPostRef;
  top: StoryPostRef;
  /** Mentions per platform. */
  platforms: Record<string, number>;
  /** Platform → when the story first appeared there (epoch ms): where it spread, in order. */
  spread: Record<string, number>;
  mentions: number;
  /** Sum of engagement (likes + shares + comments) of its mentions when they were seen. */
  reach: number;
  sentiment: { positive: number; neutral: number; negative: number };
  /** Topic keywords of its mentions with their counts, the {@link TOPICS_KEPT} most frequent. */
  topics: Record<string, number>;
  /** Mentions per UTC hour of publication (hour start in epoch ms as key), the last {@link HOURS_KEPT} hours. */
  hours: Record<string, number>;
  /**
   * Mentions per UTC day of publication (day start in epoch ms as key), the last {@link DAYS_KEPT} days: what a
   * long period counts once the hourly counts are gone. Absent on stories stored before daily counts.
   */
  days?: Record<string, number>;
  lastAt: Date;
}

/** A story as signals, alerts and incidents carry it: enough to show it and to link to it. */
export interface StoryRef {
  id: string;
  /** Mentions of the story in the signal's window (all of them for an incident). */
  mentions: number;
  platforms: string[];
  first: { platform: string; url?: string; author?: string; text: string; publishedAt: Date };
}

export const HOURS_KEPT = 72;
export const DAYS_KEPT = 90;
export const TOPICS_KEPT = 20;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const TEXT_CHARS = 280;

/** The story with one more mention (a new story when `story` is null). Pure: returns a new object. */
export function addToStory(story: Story | null, id: string, post: StoryPost): Story {
  const ref = refOf(post);
  const hour = String(Math.floor(post.publishedAt.getTime() / HOUR) * HOUR);
  const day = String(Math.floor(post.publishedAt.getTime() / DAY) * DAY);
  const base: Story = story ?? {
    id,
    brand: post.brand,
    first: ref,
    top: ref,
    platforms: {},
    spread: {},
    mentions: 0,
    reach: 0,
    sentiment: { positive: 0, neutral: 0, negative: 0 },
    topics: {},
    hours: {},
    lastAt: post.publishedAt,
  };
  const at = post.publishedAt.getTime();
  const spreadAt = base.spread[post.platform];
  return {
    ...base,
    first: at < base.first.publishedAt.getTime() ? ref : base.first,
    top: ref.reach > base.top.reach ? ref : base.top,
    platforms: { ...base.platforms, [post.platform]: (base.platforms[post.platform] ?? 0) + 1 },
    spread: { ...base.spread, [post.platform]: spreadAt === undefined ? at : Math.min(spreadAt, at) },
    mentions: base.mentions + 1,
    reach: base.reach + post.reach,
    sentiment: { ...base.sentiment, [post.polarity]: base.sentiment[post.polarity] + 1 },
    topics: addTopics(base.topics, post.topics ?? []),
    hours: latest({ ...base.hours, [hour]: (base.hours[hour] ?? 0) + 1 }, HOURS_KEPT),
    days: latest({ ...base.days, [day]: (base.days?.[day] ?? 0) + 1 }, DAYS_KEPT),
    lastAt: at > base.lastAt.getTime() ? post.publishedAt : base.lastAt,
  };
}

/**
 * Two parts of one story added together (a summary and the deltas of later batches, in any order):
 * counts add up, the first post is the earliest, the top post the most engaged, spread times the earliest.
 */
export function mergeStories(a: Story, b: Story): Story {
  const earlier = (x: StoryPostRef, y: StoryPostRef) => (y.publishedAt.getTime() < x.publishedAt.getTime() ? y : x);
  const spread = { ...a.spread };
  for (const [p, at] of Object.entries(b.spread)) spread[p] = spread[p] === undefined ? at : Math.min(spread[p]!, at);
  return {
    ...a,
    first: earlier(a.first, b.first),
    top: b.top.reach > a.top.reach ? b.top : a.top,
    platforms: sumCounts(a.platforms, b.platforms),
    spread,
    mentions: a.mentions + b.mentions,
    reach: a.reach + b.reach,
    sentiment: { positive: a.sentiment.positive + b.sentiment.positive, neutral: a.sentiment.neutral + b.sentiment.neutral, negative: a.sentiment.negative + b.sentiment.negative },
    topics: keepTop(sumCounts(a.topics, b.topics)),
    hours: latest(sumCounts(a.hours, b.hours), HOURS_KEPT),
    ...(a.days || b.days ? { days: latest(sumCounts(a.days ?? {}, b.days ?? {}), DAYS_KEPT) } : {}),
    lastAt: b.lastAt.getTime() > a.lastAt.getTime() ? b.lastAt : a.lastAt,
  };
}

/**
 * A story's mentions published in [from, to): hour by hour where its hourly counts reach (hours overlapping the
 * range count whole), and before that from its daily counts, a day overlapping the range only in part counted
 * in proportion. A story stored before daily counts gives its total.
 */
export function mentionsBetween(story: Story, from: Date, to: Date): number {
  if (!story.days) return story.mentions;
  const [f, t] = [from.getTime(), to.getTime()];
  const detailFrom = Math.min(Infinity, ...Object.keys(story.hours).map(Number));
  const inHours = (a: number, b: number) => Object.entries(story.hours).reduce((n, [h, c]) => (Number(h) + HOUR > a && Number(h) < b ? n + c : n), 0);
  let n = inHours(f, t);
  for (const [d, c] of Object.entries(story.days)) {
    const start = Number(d);
    // The part of the day before the hourly detail: its count less the hours kept, spread over that part.
    const end = Math.min(start + DAY, detailFrom);
    if (end <= start) continue;
    const overlap = Math.min(end, t) - Math.max(start, f);
    if (overlap > 0) n += ((c - inHours(start, start + DAY)) * overlap) / (end - start);
  }
  return Math.round(n);
}

/** Mentions published in the hour before `now`. */
export function growthPerHour(story: Story, now: Date): number {
  const to = now.getTime();
  const thisHour = Math.floor(to / HOUR) * HOUR;
  // Hourly counts: the current partial hour plus the share of the previous hour still inside the window.
  const current = story.hours[String(thisHour)] ?? 0;
  const previous = story.hours[String(thisHour - HOUR)] ?? 0;
  return Math.round(current + previous * (1 - (to - thisHour) / HOUR));
}

/**
 * The stories behind a signal: a brand's stories with mentions in [from, to), on the signal's platform
 * or topic when it has one (mostly negative ones for a negative surge), largest in that window first; equally large
 * ones by reach, then the one that began first, then by id: an order that does not depend on how the stories were stored.
 */
export function storiesBehind(stories: readonly Story[], scope: { platform?: string; topic?: string; negative?: boolean }, from: Date, to: Date, limit: number): StoryRef[] {
  const inWindow = (s: Story) => Object.entries(s.hours).reduce((n, [h, c]) => (Number(h) + HOUR > from.getTime() && Number(h) < to.getTime() ? n + c : n), 0);
  return stories
    .filter((s) => (!scope.platform || s.platforms[scope.platform]) && (!scope.topic || s.topics[scope.topic]) && (!scope.negative || negativeShare(s) >= 0.5))
    .map((s) => ({ s, n: inWindow(s) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || b.s.reach - a.s.reach || a.s.first.publishedAt.getTime() - b.s.first.publishedAt.getTime() || (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0))
    .slice(0, limit)
    .map(({ s, n }) => storyRef(s, n));
}

/** A story as a signal carries it, with the mentions that count for that signal. */
export function storyRef(s: Story, mentions: number): StoryRef {
  const first = s.first;
  return {
    id: s.id,
    mentions,
    platforms: Object.keys(s.spread).sort((a, b) => s.spread[a]! - s.spread[b]!),
    first: { platform: first.platform, ...(first.url ? { url: first.url } : {}), ...(first.author ? { author: first.author } : {}), text: first.text, publishedAt: first.publishedAt },
  };
}

/** Share of the story's mentions that are negative (0 when it has none). */
export function negativeShare(story: Story): number {
  return story.mentions ? story.sentiment.negative / story.mentions : 0;
}

/** A story's id: the UTC day of its first post and that post's id ("20260511:weibo:123"), so its day partition is known. */
export function storyIdOf(post: Pick<StoryPost, 'id' | 'publishedAt'>): string {
  return `${post.publishedAt.toISOString().slice(0, 10).replaceAll('-', '')}:${post.id}`;
}

/** The UTC day (`YYYYMMDD`) a story id names. */
export function storyDay(id: string): string {
  return id.slice(0, 8);
}

function addTopics(topics: Record<string, number>, add: readonly string[]): Record<string, number> {
  if (!add.length) return topics;
  const out = { ...topics };
  for (const t of new Set(add)) out[t] = (out[t] ?? 0) + 1;
  return keepTop(out);
}

function sumCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}

function keepTop(out: Record<string, number>): Record<string, number> {
  const keys = Object.keys(out);
  if (keys.length <= TOPICS_KEPT) return out;
  return Object.fromEntries(keys.sort((a, b) => out[b]! - out[a]!).slice(0, TOPICS_KEPT).map((k) => [k, out[k]!]));
}

/** The counts of the `kept` latest time keys. */
function latest(counts: Record<string, number>, kept: number): Record<string, number> {
  const keys = Object.keys(counts);
  if (keys.length <= kept) return counts;
  const keep = keys.map(Number).sort((a, b) => b - a).slice(0, kept);
  return Object.fromEntries(keep.map((k) => [String(k), counts[String(k)]!]));
}

function refOf(post: StoryPost): StoryPostRef {
  const name = post.author?.handle ?? post.author?.name;
  const text = post.title ? `${post.title} — ${post.text}` : post.text;
  return {
    mention: post.id,
    platform: post.platform,
    ...(post.url ? { url: post.url } : {}),
    ...(name ? { author: name } : {}),
    text: text.length > TEXT_CHARS ? `${text.slice(0, TEXT_CHARS - 1)}…` : text,
    publishedAt: post.publishedAt,
    reach: post.reach,
  };
}
