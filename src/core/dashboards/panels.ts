import type { BucketPoint } from '../mention/bucket.js';

/** Counts over a span and its net sentiment index. */
export interface Totals {
  total: number;
  negative: number;
  neutral: number;
  positive: number;
  crisis: number;
  engagement: number;
  /** Net sentiment index, -100..100; null when the span has no polar mention. */
  nsi: number | null;
}

/** One chart point: the totals of one step. */
export interface SeriesPoint extends Totals {
  /** Step start, epoch ms. */
  t: number;
}

export type Trend = 'up' | 'down' | 'flat' | 'new';

export interface TopicRow {
  topic: string;
  kind: 'keyword' | 'crisis';
  negative: number;
  previousNegative: number;
  trend: Trend;
  /** Change against the previous period, percent; null when it had none. */
  changePct: number | null;
}

/**
 * Net sentiment index: (positive − negative) / (positive + negative) × 100. Neutral mentions are left
 * out so a flood of neutral reposts does not dilute a turn in opinion.
 */
export function netSentiment(positive: number, negative: number): number | null {
  const polar = positive + negative;
  return polar === 0 ? null : Math.round(((positive - negative) / polar) * 1000) / 10;
}

const engagementOf = (p: BucketPoint) => p.likes + p.shares + p.comments;

/** Sums 5-minute buckets into chart steps (keys from `floor`), every step present, in time order. */
export function rollUp(points: readonly BucketPoint[], from: number, to: number, stepMs: number, floor: (t: number) => number): SeriesPoint[] {
  const steps = new Map<number, SeriesPoint>();
  // Step by one and a half steps, then floor: lands on the next step even across a daylight-saving change.
  for (let t = floor(from); t < to; t = floor(t + stepMs * 1.5)) steps.set(t, emptyPoint(t));
  for (const p of points) {
    if (p.total === 0) continue;
    const key = floor(p.start);
    addInto(steps.get(key) ?? steps.set(key, emptyPoint(key)).get(key)!, p);
  }
  const out = [...steps.values()].sort((a, b) => a.t - b.t);
  for (const s of out) s.nsi = netSentiment(s.positive, s.negative);
  return out;
}

/** Adds a bucket's counts and engagement to totals (its net sentiment index is computed once all are in). */
function addInto(t: Totals, p: BucketPoint): void {
  t.total += p.total;
  t.negative += p.negative;
  t.neutral += p.neutral;
  t.positive += p.positive;
  t.crisis += p.crisis;
  t.engagement += engagementOf(p);
}

/** Sums a series into period totals. */
export function totalsOf(points: readonly BucketPoint[]): Totals {
  const t = { total: 0, negative: 0, neutral: 0, positive: 0, crisis: 0, engagement: 0, nsi: null as number | null };
  for (const p of points) addInto(t, p);
  t.nsi = netSentiment(t.positive, t.negative);
  return t;
}

/** Up or down when the count moved by more than 10 % (and by more than one mention) against the previous period. */
export function trendOf(current: number, previous: number): { trend: Trend; changePct: number | null } {
  if (previous === 0) return { trend: current > 0 ? 'new' : 'flat', changePct: null };
  const changePct = Math.round(((current - previous) / previous) * 1000) / 10;
  if (Math.abs(current - previous) <= 1 || Math.abs(changePct) <= 10) return { trend: 'flat', changePct };
  return { trend: current > previous ? 'up' : 'down', changePct };
}

/** Top topics by negative mentions, each compared with its count in the previous period. */
export function topicRows(
  current: readonly { topic: string; kind: 'keyword' | 'crisis'; negative: number }[],
  previous: readonly { topic: string; kind: 'keyword' | 'crisis'; negative: number }[],
): TopicRow[] {
  const before = new Map(previous.map((p) => [`${p.kind}:${p.topic}`, p.negative]));
  return current.map((c) => {
    const previousNegative = before.get(`${c.kind}:${c.topic}`) ?? 0;
    return { topic: c.topic, kind: c.kind, negative: c.negative, previousNegative, ...trendOf(c.negative, previousNegative) };
  });
}

/** Each brand's share of all mentions among the brand and its competitors, percent. */
export function shareOfVoice(rows: readonly { brand: string; name: string; total: number }[]): { brand: string; name: string; total: number; share: number }[] {
  const all = rows.reduce((s, r) => s + r.total, 0);
  return rows.map((r) => ({ ...r, share: all === 0 ? 0 : Math.round((r.total / all) * 1000) / 10 }));
}

function emptyPoint(t: number): SeriesPoint {
  return { t, total: 0, negative: 0, neutral: 0, positive: 0, crisis: 0, engagement: 0, nsi: null };
}
