import { bucketStart, type BucketCounts } from './bucket.js';
import type { Polarity } from '../sentiment/types.js';
import type { Engagement } from './mention-input.js';
import { floorTo, HOUR_MS } from './rollup.js';

/**
 * What one stored mention adds to the time buckets. The mention keeps the contribution it was last
 * counted with, so an update changes the counters by exactly the difference (never double-counts).
 */
export interface Contribution {
  brand: string;
  platform: string;
  /** Bucket start (epoch ms) of the mention's publication time. */
  bucket: number;
  polarity: Polarity;
  crisisTerms: string[];
  topics: string[];
  likes: number;
  shares: number;
  comments: number;
  views: number;
  /** Review aspect → the polarity said about it (absent when the mention names none; mentions counted before aspects had counters lack it). */
  aspects?: Record<string, Polarity>;
}

export interface ContributionSource {
  brand: string;
  platform: string;
  publishedAt: Date;
  polarity: Polarity;
  crisisTerms: readonly string[];
  topics: readonly string[];
  engagement: { likes: number; shares: number; comments: number; views: number };
  aspects?: readonly { aspect: string; label: Polarity }[];
}

/** A mention's aspects as counted: aspect → polarity, in name order (so equal contributions compare equal). */
export function aspectCounts(aspects: readonly { aspect: string; label: Polarity }[] | undefined): Record<string, Polarity> | undefined {
  if (!aspects?.length) return undefined;
  const out = Object.create(null) as Record<string, Polarity>;
  for (const a of [...aspects].sort((x, y) => (x.aspect < y.aspect ? -1 : x.aspect > y.aspect ? 1 : 0))) out[a.aspect] = a.label;
  return out;
}

export function contributionOf(m: ContributionSource): Contribution {
  return {
    brand: m.brand,
    platform: m.platform,
    bucket: bucketStart(m.publishedAt),
    polarity: m.polarity,
    crisisTerms: [...new Set(m.crisisTerms)],
    topics: [...new Set(m.topics)],
    likes: m.engagement.likes,
    shares: m.engagement.shares,
    comments: m.engagement.comments,
    views: m.engagement.views,
    ...(m.aspects?.length ? { aspects: aspectCounts(m.aspects) } : {}),
  };
}

export type TopicKind = 'keyword' | 'crisis';
export interface TopicCounts {
  total: number;
  negative: number;
  neutral: number;
  positive: number;
}

/**
 * Counter increments for a batch, one entry per brand × platform × bucket, per brand × topic × bucket, and per
 * brand × aspect × hour (aspects are read by the period, so an hour is fine enough and keeps the ledger small).
 */
export interface BucketDeltas {
  buckets: Map<string, { brand: string; platform: string; start: number; inc: Partial<BucketCounts> }>;
  topics: Map<string, { brand: string; kind: TopicKind; topic: string; start: number; inc: Partial<TopicCounts> }>;
  /** Absent in deltas built before aspects had counters (read as none). */
  aspects?: Map<string, { brand: string; aspect: string; start: number; inc: Partial<TopicCounts> }>;
}

export function emptyDeltas(): BucketDeltas {
  return { buckets: new Map(), topics: new Map(), aspects: new Map() };
}

/** Adds to `into` the change from `before` to `after` (either may be null: a new or a removed mention). */
export function addDelta(into: BucketDeltas, before: Contribution | null, after: Contribution | null): void {
  const touched: Touched = { buckets: new Set(), topics: new Set(), aspects: new Set() };
  if (before) apply(into, before, -1, touched);
  if (after) apply(into, after, +1, touched);
  prune(into, touched);
}

interface Touched {
  buckets: Set<string>;
  topics: Set<string>;
  aspects: Set<string>;
}

function apply(into: BucketDeltas, c: Contribution, sign: 1 | -1, touched: Touched): void {
  const bkey = `${c.brand}|${c.platform}|${c.bucket}`;
  touched.buckets.add(bkey);
  let b = into.buckets.get(bkey);
  if (!b) into.buckets.set(bkey, (b = { brand: c.brand, platform: c.platform, start: c.bucket, inc: {} }));
  const add = (k: keyof BucketCounts, v: number) => {
    if (v) b!.inc[k] = (b!.inc[k] ?? 0) + sign * v;
  };
  add('total', 1);
  add(c.polarity, 1);
  add('crisis', c.crisisTerms.length ? 1 : 0);
  add('likes', c.likes);
  add('shares', c.shares);
  add('comments', c.comments);
  add('views', c.views);
  const topic = (kind: TopicKind, topic: string) => {
    const key = `${c.brand}|${kind}|${topic}|${c.bucket}`;
    touched.topics.add(key);
    let t = into.topics.get(key);
    if (!t) into.topics.set(key, (t = { brand: c.brand, kind, topic, start: c.bucket, inc: {} }));
    t.inc.total = (t.inc.total ?? 0) + sign;
    t.inc[c.polarity] = (t.inc[c.polarity] ?? 0) + sign;
  };
  for (const k of c.topics) topic('keyword', k);
  for (const k of c.crisisTerms) topic('crisis', k);
  const hour = floorTo(c.bucket, HOUR_MS);
  for (const [aspect, polarity] of Object.entries(c.aspects ?? {})) {
    const key = `${c.brand}|${aspect}|${hour}`;
    touched.aspects.add(key);
    const aspects = (into.aspects ??= new Map());
    let a = aspects.get(key);
    if (!a) aspects.set(key, (a = { brand: c.brand, aspect, start: hour, inc: {} }));
    a.inc.total = (a.inc.total ?? 0) + sign;
    a.inc[polarity] = (a.inc[polarity] ?? 0) + sign;
  }
}

/**
 * Drops zero increments of the entries one change touched, so an unchanged update writes nothing
 * (only those: pruning the whole batch on every change made a batch of n mentions cost n² steps).
 */
function prune(d: BucketDeltas, touched: Touched): void {
  pruneEntries(d.buckets, touched.buckets);
  pruneEntries(d.topics, touched.topics);
  if (d.aspects) pruneEntries(d.aspects, touched.aspects);
}

function pruneEntries(entries: Map<string, { inc: Partial<Record<string, number>> }>, keys: Set<string>): void {
  for (const key of keys) {
    const e = entries.get(key)!;
    for (const k of Object.keys(e.inc)) if (e.inc[k] === 0) delete e.inc[k];
    if (!Object.keys(e.inc).length) entries.delete(key);
  }
}

/** Whether two contributions count the same (no bucket write needed). */
export function sameContribution(a: Contribution, b: Contribution): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Adds the change of a mention's engagement alone (its bucket, polarity and topics unchanged): only the
 * engagement counters of its bucket move, by exactly the difference.
 */
export function addEngagementDelta(into: BucketDeltas, at: { brand: string; platform: string; bucket: number }, before: Engagement, after: Engagement): void {
  const key = `${at.brand}|${at.platform}|${at.bucket}`;
  let b = into.buckets.get(key);
  if (!b) into.buckets.set(key, (b = { brand: at.brand, platform: at.platform, start: at.bucket, inc: {} }));
  for (const k of ['likes', 'shares', 'comments', 'views'] as const) {
    const v = (b.inc[k] ?? 0) + after[k] - before[k];
    if (v) b.inc[k] = v;
    else delete b.inc[k];
  }
  if (!Object.keys(b.inc).length) into.buckets.delete(key);
}
