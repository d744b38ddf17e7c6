import { mentionsBetween, type Story } from './story.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const ALL = [new Date(-8.64e15), new Date(8.64e15)] as const;

/** Stories a day digest keeps per brand: the dashboard's top stories (a longer list reads the day partitions). */
export const DIGEST_TOP = 5;

/**
 * What a brand's stories that started on one settled UTC day give a list of the largest stories of any range
 * that holds all their mentions: the `top` of them by {@link byLargest} with their whole count, and the span
 * [lo, hi) (epoch ms) of every mention they count (`lo`/`hi` null when none has a mention).
 */
export interface StoryDayDigest<S extends Story = Story> {
  lo: number | null;
  hi: number | null;
  top: S[];
}

/** The order of the largest stories: mentions in the range, then reach, then id (a total order, so any subset keeps it). */
export function byLargest(a: { inRange: number; reach: number; id: string }, b: { inRange: number; reach: number; id: string }): number {
  return b.inRange - a.inRange || b.reach - a.reach || a.id.localeCompare(b.id);
}

/**
 * The times [lo, hi) outside which {@link mentionsBetween} counts none of a story's mentions: a range holding the
 * span counts all of them (its first post, last post, hourly counts and the counted part of each daily count).
 */
export function storySpan(s: Story): { lo: number; hi: number } {
  let lo = s.first.publishedAt.getTime();
  let hi = s.lastAt.getTime() + 1;
  const hours = Object.keys(s.hours).map(Number);
  for (const h of hours) [lo, hi] = [Math.min(lo, h), Math.max(hi, h + HOUR)];
  const detailFrom = Math.min(Infinity, ...hours);
  for (const [key, count] of Object.entries(s.days ?? {})) {
    const d = Number(key);
    const end = Math.min(d + DAY, detailFrom);
    // Only the part of a daily count its hours do not hold is spread over the day (up to the hourly detail).
    const inHours = hours.reduce((n, h) => (h + HOUR > d && h < d + DAY ? n + s.hours[String(h)]! : n), 0);
    if (end > d && count !== inHours) [lo, hi] = [Math.min(lo, d), Math.max(hi, end)];
  }
  return { lo, hi };
}

/** A day's digest of one brand's stories (see {@link StoryDayDigest}). */
export function storyDayDigest<S extends Story>(stories: readonly S[], top = DIGEST_TOP): StoryDayDigest<S> {
  let lo: number | null = null;
  let hi: number | null = null;
  const counted: { s: S; inRange: number; reach: number; id: string }[] = [];
  for (const s of stories) {
    const inRange = mentionsBetween(s, ...ALL);
    if (inRange <= 0) continue;
    const span = storySpan(s);
    lo = Math.min(lo ?? Infinity, span.lo);
    hi = Math.max(hi ?? -Infinity, span.hi);
    counted.push({ s, inRange, reach: s.reach, id: s.id });
  }
  return { lo, hi, top: counted.sort(byLargest).slice(0, top).map((x) => x.s) };
}

/**
 * Whether a day's digest answers a list of at most `limit` stories over [from, to) exactly: every story of the
 * day counts all its mentions in the range, so the day's largest there are its digest's.
 */
export function digestServes(d: StoryDayDigest, from: number, to: number, limit: number): boolean {
  return limit <= DIGEST_TOP && (d.lo === null || (d.lo >= from && d.hi! <= to));
}

/**
 * What a day's digest answers for a list of at most `limit` stories over [from, to), or null when the day's partition
 * must be read: nothing when the span of its stories' mentions lies outside the range (none of them counts a mention
 * there: a day before the range whose stories ended before it), its `top` when {@link digestServes}.
 */
export function digestAnswer<S extends Story>(d: StoryDayDigest<S>, from: number, to: number, limit: number): S[] | null {
  if (d.lo === null || d.hi! <= from || d.lo >= to) return [];
  return digestServes(d, from, to, limit) ? d.top : null;
}

/** A story's mentions in [from, to) as a list of stories counts them: none unless it has one at or after `from` and began before `to`. */
export function listedMentions(s: Story, from: Date, to: Date): number {
  return s.lastAt.getTime() >= from.getTime() && s.first.publishedAt.getTime() < to.getTime() ? mentionsBetween(s, from, to) : 0;
}

/**
 * Which edge days (days whose digest gives no answer: their stories have mentions both inside and outside [from, to))
 * must still be read whole for a list of the `limit` largest, given the stories `known` from the other days. An edge
 * day's digest holds its largest stories by all their mentions; a story it leaves out has at most as many as the
 * last of them, and in [from, to) no more than in all (see mentionsBetween). So where the `limit`-th largest of the
 * known stories and the edge days' kept ones has more mentions in the range than an edge day's last kept story has in
 * all, no story left out of that day can make the list, and the day's kept stories stand for it.
 */
export function edgeDaysToRead<K, S extends Story>(known: readonly S[], edges: ReadonlyMap<K, StoryDayDigest<S>>, from: Date, to: Date, limit: number): K[] {
  if (limit > DIGEST_TOP) return [...edges.keys()];
  const hiding = [...edges].filter(([, d]) => d.top.length >= DIGEST_TOP);
  const counted = [...known, ...[...edges.values()].flatMap((d) => d.top)]
    .map((s) => ({ inRange: listedMentions(s, from, to), reach: s.reach, id: s.id }))
    .filter((s) => s.inRange > 0)
    .sort(byLargest);
  const bar = counted.length >= limit ? counted[limit - 1]!.inRange : 0;
  return hiding.filter(([, d]) => mentionsBetween(d.top[d.top.length - 1]!, ...ALL) >= bar).map(([day]) => day);
}
