import type { BucketCounts } from '../mention/bucket.js';
import type { TopicKind } from '../mention/contribution.js';
import type { StoryRef } from '../stories/story.js';
import type { EvidenceItem } from './signal.js';

/** A term whose share of the brand's mentions rose: its count now and over the usual period, and the lift. */
export interface TermLift {
  term: string;
  kind: TopicKind;
  now: number;
  usual: number;
  /** Share now / share usually (the usual share smoothed, so a term never seen before has a finite lift). */
  lift: number;
}

/** A platform with more mentions than usual for a window of this length. */
export interface PlatformGrowth {
  platform: string;
  now: number;
  /** Mentions expected in the window from the usual period's rate. */
  expected: number;
}

/** A source (the recipe or client that brought the mentions) with more new mentions than usual for a window of this length. */
export interface SourceGrowth {
  source: string;
  now: number;
  expected: number;
}

/** A post the summary names: where, by whom, when, a short text and its link. */
export interface CausePost {
  platform: string;
  url?: string;
  author?: string;
  text: string;
  at?: Date;
  engagement?: number;
  story?: string;
}

/**
 * Why an alert fired, computed from counters and stories, not prose: what changed in [from, to) against
 * the brand's usual period before it (the 7 days before `from`).
 */
export interface CauseSummary {
  from: Date;
  to: Date;
  mentions: { now: number; expected: number };
  terms: TermLift[];
  platforms: PlatformGrowth[];
  /** Absent on summaries made before sources were counted. */
  sources?: SourceGrowth[];
  first?: CausePost;
  mostEngaged?: CausePost;
  examples: CausePost[];
  negativeShare: { now: number; usual: number };
}

/** What the cause is computed from: the brand's counters in the window and in the usual period, and the alert's evidence. */
export interface CauseInput {
  from: Date;
  to: Date;
  usualFrom: Date;
  topicsNow: readonly { topic: string; kind: TopicKind; total: number }[];
  topicsUsual: readonly { topic: string; kind: TopicKind; total: number }[];
  platformsNow: Readonly<Record<string, BucketCounts>>;
  platformsUsual: Readonly<Record<string, BucketCounts>>;
  /** New mentions per source in the window and in the usual period. */
  sourcesNow: Readonly<Record<string, number>>;
  sourcesUsual: Readonly<Record<string, number>>;
  stories: readonly StoryRef[];
  topMentions: readonly EvidenceItem[];
}

export const USUAL_DAYS = 7;
const TERMS_SHOWN = 5;
const PLATFORMS_SHOWN = 3;
const EXAMPLES = 3;
/** A term needs this many mentions in the window to be named: one post's words are not a change. */
const MIN_TERM_MENTIONS = 2;
/** Pseudo-count added to a term's usual count, so rare terms do not get unbounded lifts from noise. */
const PRIOR = 1;

/** The cause summary of an alert (pure: counters and evidence in, summary out). */
export function causeSummary(input: CauseInput): CauseSummary {
  const now = sumCounts(Object.values(input.platformsNow));
  const usual = sumCounts(Object.values(input.platformsUsual));
  const ratio = (input.to.getTime() - input.from.getTime()) / Math.max(1, input.from.getTime() - input.usualFrom.getTime());
  return {
    from: input.from,
    to: input.to,
    mentions: { now: now.total, expected: round(usual.total * ratio) },
    terms: termLifts(input, now.total, usual.total),
    platforms: platformGrowth(input.platformsNow, input.platformsUsual, ratio),
    sources: grown(input.sourcesNow, input.sourcesUsual, ratio).map(({ name, now: n, expected }) => ({ source: name, now: n, expected })),
    ...firstAndTop(input),
    examples: examplesOf(input.stories, input.topMentions),
    negativeShare: { now: share(now.negative, now.total), usual: share(usual.negative, usual.total) },
  };
}

/** Terms by lift of their share of mentions, then by count; only terms that rose. */
function termLifts(input: CauseInput, totalNow: number, totalUsual: number): TermLift[] {
  if (!totalNow) return [];
  const usual = new Map(input.topicsUsual.map((t) => [`${t.kind}:${t.topic}`, t.total]));
  return input.topicsNow
    .filter((t) => t.total >= MIN_TERM_MENTIONS)
    .map((t) => {
      const u = usual.get(`${t.kind}:${t.topic}`) ?? 0;
      const lift = t.total / totalNow / ((u + PRIOR) / (totalUsual + PRIOR));
      return { term: t.topic, kind: t.kind, now: t.total, usual: u, lift: round(lift) };
    })
    .filter((t) => t.lift > 1)
    // A crisis term is usually a keyword too: named once, as the crisis term.
    .sort((a, b) => b.lift - a.lift || b.now - a.now || (a.kind === b.kind ? a.term.localeCompare(b.term) : a.kind === 'crisis' ? -1 : 1))
    .filter((t, i, all) => all.findIndex((o) => o.term === t.term) === i)
    .slice(0, TERMS_SHOWN);
}

function platformGrowth(now: Readonly<Record<string, BucketCounts>>, usual: Readonly<Record<string, BucketCounts>>, ratio: number): PlatformGrowth[] {
  const total = (counts: Readonly<Record<string, BucketCounts>>) => Object.fromEntries(Object.entries(counts).map(([p, c]) => [p, c.total]));
  return grown(total(now), total(usual), ratio).map(({ name, now: n, expected }) => ({ platform: name, now: n, expected }));
}

/** Names with more now than the usual rate expects in the window, by how many more (then by name), the first few. */
function grown(now: Readonly<Record<string, number>>, usual: Readonly<Record<string, number>>, ratio: number): { name: string; now: number; expected: number }[] {
  return Object.entries(now)
    .map(([name, n]) => ({ name, now: n, expected: round((usual[name] ?? 0) * ratio) }))
    .filter((p) => p.now > p.expected)
    .sort((a, b) => b.now - b.expected - (a.now - a.expected) || a.name.localeCompare(b.name))
    .slice(0, PLATFORMS_SHOWN);
}

/** The earliest first post of the stories behind the alert, and its most engaged mention. */
function firstAndTop(input: CauseInput): Pick<CauseSummary, 'first' | 'mostEngaged'> {
  const first = [...input.stories].sort((a, b) => a.first.publishedAt.getTime() - b.first.publishedAt.getTime())[0];
  const top = [...input.topMentions].sort((a, b) => b.engagement - a.engagement)[0];
  return {
    ...(first ? { first: storyPost(first) } : {}),
    ...(top ? { mostEngaged: { platform: top.platform, ...(top.url ? { url: top.url } : {}), text: top.text, engagement: top.engagement } } : {}),
  };
}

/** Up to three posts with different texts: one per story first, then the most engaged mentions. */
function examplesOf(stories: readonly StoryRef[], top: readonly EvidenceItem[]): CausePost[] {
  const out: CausePost[] = [];
  const seen = new Set<string>();
  const add = (p: CausePost) => {
    const key = p.text.replace(/\s+/g, ' ').trim().toLowerCase();
    if (out.length < EXAMPLES && !seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  };
  for (const s of stories) add(storyPost(s));
  for (const m of top) add({ platform: m.platform, ...(m.url ? { url: m.url } : {}), text: m.text, engagement: m.engagement });
  return out;
}

function storyPost(s: StoryRef): CausePost {
  const f = s.first;
  return { platform: f.platform, ...(f.url ? { url: f.url } : {}), ...(f.author ? { author: f.author } : {}), text: f.text, at: f.publishedAt, story: s.id };
}

function sumCounts(list: readonly BucketCounts[]): { total: number; negative: number } {
  return list.reduce((acc, c) => ({ total: acc.total + c.total, negative: acc.negative + c.negative }), { total: 0, negative: 0 });
}

const share = (part: number, whole: number) => (whole ? round(part / whole) : 0);
const round = (x: number) => Math.round(x * 100) / 100;
