import { BUCKET_MS, COUNTER_FIELDS, emptyCounts, type BucketCounts, type BucketPoint } from './bucket.js';
import type { BucketDeltas, TopicCounts, TopicKind } from './contribution.js';
import { DAY_MS, floorTo, HOUR_MS } from './rollup.js';
import { aspectSums } from './aspect-sums.js';
import { SlotSums } from './slot-sums.js';

/**
 * The counter ledger: every counter the dashboards and detectors read, kept per brand and UTC day.
 *
 * A day's counters of one brand are a *payload*: per 5-minute slot (0..287) and platform the nine
 * counters of BucketCounts, and per slot and topic (keyword or crisis term) [total, negative, neutral,
 * positive]. Ingest stores what a batch changed as small payloads (one per brand and day touched), a
 * compaction folds them into one summary per brand and day, and readers sum a summary and the deltas
 * it has not folded yet. Payloads travel as one JSON string (FerretDB's cost is per decoded field).
 *
 * Encoding: each counter group maps a name (platform, keyword, crisis term) to *runs*, a flat array
 * `[slot, c0, …, c(w-1), slot, c0, …]` in slot order, w = 9 for platforms and 4 for topics. Slots
 * whose counters are all zero are left out. Everything here is pure: time is passed in.
 *
 * Besides the 5-minute topic counters (`k`, `x`), a payload keeps each topic's negative mentions per
 * hour (`kn`, `xn`: what the dashboards rank), so that `splitPayload` can store the platform counters
 * with those hourly negatives apart from the 5-minute topic counters, which are most of the bytes: a
 * dashboard then never reads the topics' 5-minute detail (FerretDB decodes every byte it reads).
 */
export { DAY_MS, floorTo, HOUR_MS };
export const SLOTS_PER_DAY = DAY_MS / BUCKET_MS;

/** Name → runs (see above). Null-prototype objects when built here, so any name is a safe key. */
export type Runs = Record<string, number[]>;

export interface LedgerPayload {
  /** Platform → runs of the nine counters, in COUNTER_FIELDS order. */
  p?: Runs;
  /** Keyword → runs of [total, negative, neutral, positive]. */
  k?: Runs;
  /** Crisis term → runs of [total, negative, neutral, positive]. */
  x?: Runs;
  /** Keyword → runs of [negative] per hour slot (0..23). */
  kn?: Runs;
  /** Crisis term → runs of [negative] per hour slot (0..23). */
  xn?: Runs;
  /** Review aspect → runs of [total, negative, neutral, positive] per hour slot (0..23). */
  a?: Runs;
}

type Group = keyof LedgerPayload;
const GROUPS: readonly Group[] = ['p', 'k', 'x', 'kn', 'xn', 'a'];
const WIDTH: Record<Group, number> = { p: COUNTER_FIELDS.length, k: 4, x: 4, kn: 1, xn: 1, a: 4 };
const SLOT_MS: Record<Group, number> = { p: BUCKET_MS, k: BUCKET_MS, x: BUCKET_MS, kn: HOUR_MS, xn: HOUR_MS, a: HOUR_MS };
export const TOPIC_FIELDS: readonly (keyof TopicCounts)[] = ['total', 'negative', 'neutral', 'positive'];
const topicGroup = (kind: TopicKind): Group => (kind === 'crisis' ? 'x' : 'k');
const groupKind = (g: Group): TopicKind => (g === 'x' ? 'crisis' : 'keyword');

/** A payload and the UTC day (epoch ms of its midnight) it counts. */
export interface DayPayload {
  day: number;
  payload: LedgerPayload;
}

/** Sums payloads slot by slot; `payload()` gives the sum in slot order without all-zero slots or empty names. */
export class PayloadSum {
  private readonly groups: Record<Group, Map<string, Map<number, number[]>>> = { p: new Map(), k: new Map(), x: new Map(), kn: new Map(), xn: new Map(), a: new Map() };

  /** Adds `values[offset .. offset + width)` to one slot of one name. */
  addSlot(group: Group, name: string, slot: number, values: ArrayLike<number>, offset = 0): void {
    const width = WIDTH[group];
    let slots = this.groups[group].get(name);
    if (!slots) this.groups[group].set(name, (slots = new Map()));
    let acc = slots.get(slot);
    if (!acc) slots.set(slot, (acc = new Array<number>(width).fill(0)));
    for (let i = 0; i < width; i++) acc[i]! += values[offset + i] ?? 0;
  }

  add(payload: LedgerPayload): this {
    for (const g of GROUPS) {
      const width = WIDTH[g];
      for (const [name, runs] of Object.entries(payload[g] ?? {})) {
        for (let i = 0; i < runs.length; i += width + 1) this.addSlot(g, name, runs[i]!, runs, i + 1);
      }
    }
    return this;
  }

  payload(): LedgerPayload {
    const out: LedgerPayload = {};
    for (const g of GROUPS) {
      const runsOf: Runs = Object.create(null) as Runs;
      let any = false;
      for (const [name, slots] of this.groups[g]) {
        const runs: number[] = [];
        for (const slot of [...slots.keys()].sort((a, b) => a - b)) {
          const v = slots.get(slot)!;
          if (v.some((n) => n !== 0)) runs.push(slot, ...v);
        }
        if (runs.length) {
          runsOf[name] = runs;
          any = true;
        }
      }
      if (any) out[g] = runsOf;
    }
    return out;
  }
}

/** Sum of payloads (of one brand and day), zeros dropped. */
export function mergePayloads(payloads: Iterable<LedgerPayload>): LedgerPayload {
  const sum = new PayloadSum();
  for (const p of payloads) sum.add(p);
  return sum.payload();
}

export function isEmptyPayload(p: LedgerPayload): boolean {
  return !GROUPS.some((g) => p[g] && Object.keys(p[g]).length);
}

/** One payload per brand and UTC day a batch of bucket deltas touches (none for a batch that changed nothing). */
export function payloadsOf(d: BucketDeltas): { brand: string; day: number; payload: LedgerPayload }[] {
  const sums = new Map<string, { brand: string; day: number; sum: PayloadSum }>();
  const sumOf = (brand: string, start: number) => {
    const day = floorTo(start, DAY_MS);
    const key = `${day}|${brand}`;
    let s = sums.get(key);
    if (!s) sums.set(key, (s = { brand, day, sum: new PayloadSum() }));
    return { sum: s.sum, slot: (start - day) / BUCKET_MS };
  };
  for (const b of d.buckets.values()) {
    const { sum, slot } = sumOf(b.brand, b.start);
    sum.addSlot('p', b.platform, slot, COUNTER_FIELDS.map((k) => b.inc[k] ?? 0));
  }
  for (const t of d.topics.values()) {
    const { sum, slot } = sumOf(t.brand, t.start);
    sum.addSlot(topicGroup(t.kind), t.topic, slot, TOPIC_FIELDS.map((k) => t.inc[k] ?? 0));
    if (t.inc.negative) sum.addSlot(t.kind === 'crisis' ? 'xn' : 'kn', t.topic, Math.floor(slot / (HOUR_MS / BUCKET_MS)), [t.inc.negative]);
  }
  for (const a of d.aspects?.values() ?? []) {
    const { sum, slot } = sumOf(a.brand, a.start);
    sum.addSlot('a', a.aspect, Math.floor(slot / (HOUR_MS / BUCKET_MS)), TOPIC_FIELDS.map((k) => a.inc[k] ?? 0));
  }
  const out: { brand: string; day: number; payload: LedgerPayload }[] = [];
  for (const s of sums.values()) {
    const payload = s.sum.payload();
    if (!isEmptyPayload(payload)) out.push({ brand: s.brand, day: s.day, payload });
  }
  return out;
}

/**
 * The two documents a payload is stored as: the platform counters with the topics' hourly negatives and the
 * aspects' hourly counters (what dashboards and brand/platform series read), and the topics' 5-minute
 * counters (topic readers).
 */
export function splitPayload(p: LedgerPayload): { counts: LedgerPayload; topics: LedgerPayload } {
  const pick = (groups: Group[]) => Object.fromEntries(groups.filter((g) => p[g]).map((g) => [g, p[g]])) as LedgerPayload;
  return { counts: pick(['p', 'kn', 'xn', 'a']), topics: pick(['k', 'x']) };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYYMMDD` of the UTC day holding t. */
export function dayKey(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** Midnight (epoch ms) of a `YYYYMMDD` key, or null when it is not one. */
export function dayOfKey(key: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(key);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return dayKey(t) === key ? t : null;
}

/** UTC days (midnights) overlapping [from, to). */
export function daysOverlapping(from: number, to: number): number[] {
  const out: number[] = [];
  for (let d = floorTo(from, DAY_MS); d < to; d += DAY_MS) out.push(d);
  return out;
}

// ---- readers: each takes the payloads of one brand (any number per day: a summary and its deltas) ----

/** Calls `visit(start, name, runs, i)` for every stored slot of a group whose start lies in [from, to). */
function eachSlot(days: readonly DayPayload[], group: Group, from: number, to: number, visit: (start: number, name: string, runs: number[], i: number) => void, only?: string): void {
  const width = WIDTH[group];
  const slotMs = SLOT_MS[group];
  for (const { day, payload } of days) {
    if (day + DAY_MS <= from || day >= to) continue;
    const runsOf = payload[group];
    if (!runsOf) continue;
    const entries = only === undefined ? Object.entries(runsOf) : Object.hasOwn(runsOf, only) ? [[only, runsOf[only]!] as const] : [];
    for (const [name, runs] of entries) {
      for (let i = 0; i < runs.length; i += width + 1) {
        const start = day + runs[i]! * slotMs;
        if (start >= from && start < to) visit(start, name, runs, i + 1);
      }
    }
  }
}

function addCounters(into: BucketCounts, runs: number[], i: number): void {
  for (let f = 0; f < COUNTER_FIELDS.length; f++) into[COUNTER_FIELDS[f]!] += runs[i + f]!;
}

const nonZero = (c: BucketCounts) => COUNTER_FIELDS.some((k) => c[k] !== 0);

/** One row per platform and 5-minute bucket starting in [from, to) with any non-zero counter (what bucket documents were). */
export function platformRows(days: readonly DayPayload[], from: number, to: number, platform?: string): (BucketPoint & { platform: string })[] {
  const rows = new Map<string, BucketPoint & { platform: string }>();
  eachSlot(days, 'p', from, to, (start, name, runs, i) => {
    const key = `${start}|${name}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { start, platform: name, ...emptyCounts() }));
    addCounters(r, runs, i);
  }, platform);
  return [...rows.values()].filter(nonZero).sort((a, b) => a.start - b.start || (a.platform < b.platform ? -1 : a.platform > b.platform ? 1 : 0));
}

/** Zero-filled 5-minute series over [bucketStart(from), to), summed over platforms unless one is named. */
export function brandSeries(days: readonly DayPayload[], from: number, to: number, platform?: string): BucketPoint[] {
  const series = new SlotSums(from, to);
  eachSlot(days, 'p', series.base, to, (start, _name, runs, i) => series.add(start, runs, i, COUNTER_FIELDS.length), platform);
  return series.points();
}

/** Totals per platform over [from, to) (platforms with stored counters only). */
export function platformTotals(days: readonly DayPayload[], from: number, to: number): Record<string, BucketCounts> {
  const out: Record<string, BucketCounts> = Object.create(null) as Record<string, BucketCounts>;
  eachSlot(days, 'p', from, to, (_start, name, runs, i) => addCounters((out[name] ??= emptyCounts()), runs, i));
  return out;
}

export interface TopicRow extends TopicCounts {
  start: number;
  topic: string;
  kind: TopicKind;
}

export interface TopicTotal extends TopicCounts {
  topic: string;
  kind: TopicKind;
}

const topicGroups = (kind?: TopicKind): Group[] => (kind ? [topicGroup(kind)] : ['k', 'x']);

/** One row per topic and 5-minute bucket starting in [from, to) with any non-zero counter (what topic bucket documents were). */
export function topicRows(days: readonly DayPayload[], from: number, to: number, opts: { kind?: TopicKind; topic?: string } = {}): TopicRow[] {
  const rows = new Map<string, TopicRow>();
  for (const g of topicGroups(opts.kind)) {
    eachSlot(days, g, from, to, (start, topic, runs, i) => {
      const key = `${g}|${start}|${topic}`;
      let r = rows.get(key);
      if (!r) rows.set(key, (r = { start, topic, kind: groupKind(g), total: 0, negative: 0, neutral: 0, positive: 0 }));
      for (let f = 0; f < 4; f++) r[TOPIC_FIELDS[f]!] += runs[i + f]!;
    }, opts.topic);
  }
  return [...rows.values()].filter((r) => r.total || r.negative || r.neutral || r.positive).sort((a, b) => a.start - b.start);
}

/** Totals per topic over [from, to). */
export function topicTotals(days: readonly DayPayload[], from: number, to: number, kind?: TopicKind): TopicTotal[] {
  const totals = new Map<string, TopicTotal>();
  for (const g of topicGroups(kind)) {
    eachSlot(days, g, from, to, (_start, topic, runs, i) => {
      const key = `${g}|${topic}`;
      let t = totals.get(key);
      if (!t) totals.set(key, (t = { topic, kind: groupKind(g), total: 0, negative: 0, neutral: 0, positive: 0 }));
      for (let f = 0; f < 4; f++) t[TOPIC_FIELDS[f]!] += runs[i + f]!;
    });
  }
  return [...totals.values()].filter((t) => t.total || t.negative || t.neutral || t.positive);
}

/** Zero-filled series of one topic over [bucketStart(from), to): polarity counts, and `crisis` = total for a crisis term. */
export function topicSeries(days: readonly DayPayload[], from: number, to: number, topic: string, kind?: TopicKind): BucketPoint[] {
  const series = new SlotSums(from, to);
  for (const g of topicGroups(kind)) eachSlot(days, g, series.base, to, (start, _topic, runs, i) => series.add(start, runs, i, 4, g === 'x'), topic);
  return series.points();
}

// ---- the dashboards' sums ----

export interface TopicTotals extends Pick<TopicCounts, 'negative'> {
  topic: string;
  kind: TopicKind;
}

/** What a brand's counters add up to over a dashboard period. */
export interface RollupSums {
  /** Points summed over platforms: 5-minute, or hourly over whole UTC days unless `fineSlots`. */
  points: BucketPoint[];
  platforms: Record<string, BucketCounts>;
  total: BucketCounts;
  /** Negative mentions per topic, keyed `${kind}:${topic}`. */
  topics: Map<string, TopicTotals>;
  /** Mentions per review aspect and the polarity said about it. */
  aspects: Map<string, TopicCounts>;
}

export function emptySums(): RollupSums {
  return { points: [], platforms: Object.create(null) as Record<string, BucketCounts>, total: emptyCounts(), topics: new Map(), aspects: new Map() };
}

/** Whether the UTC day starting at `day` lies wholly in [start, to): rollupSums reads such a day at whole hours. */
export function isWholeDayOf(day: number, start: number, to: number): boolean {
  return day >= start && day + DAY_MS <= to;
}

/**
 * The UTC days of a read of [start, to) (start on a whole hour) that a day digest may give: the days wholly
 * inside it, when there are at least two (fewer are not worth reading the dirty markers for); none for a read
 * that keeps 5-minute points (a digest keeps hours).
 */
export function digestibleDays(start: number, to: number, fineSlots: boolean): number[] {
  if (fineSlots) return [];
  const days = daysOverlapping(start, to).filter((day) => isWholeDayOf(day, start, to));
  return days.length < 2 ? [] : days;
}

/**
 * A brand's sums over [from, to) read at whole hours, as the dashboards use them: `from` is floored to
 * the hour and an hour `to` falls inside counts whole. With `fineSlots` every point is a 5-minute one;
 * otherwise each whole UTC day of the range gives hourly points and the hours around them 5-minute points.
 */
export function rollupSums(days: readonly DayPayload[], from: number, to: number, opts: { fineSlots: boolean }): RollupSums {
  const start = floorTo(from, HOUR_MS);
  const end = floorTo(to + HOUR_MS - 1, HOUR_MS);
  const sums = emptySums();
  const width = COUNTER_FIELDS.length;
  // per day: the day's 288 slots summed over platforms (dense), then turned into 5-minute or hourly points
  const byDay = new Map<number, Float64Array>();
  for (const { day, payload } of days) {
    if (day + DAY_MS <= start || day >= end || !payload.p) continue;
    const first = Math.max(0, Math.ceil((start - day) / BUCKET_MS));
    const last = Math.min(SLOTS_PER_DAY, Math.ceil((end - day) / BUCKET_MS));
    let dense = byDay.get(day);
    if (!dense) byDay.set(day, (dense = new Float64Array(SLOTS_PER_DAY * width)));
    for (const [platform, runs] of Object.entries(payload.p)) {
      const acc = (sums.platforms[platform] ??= emptyCounts());
      for (let i = 0; i < runs.length; i += width + 1) {
        const slot = runs[i]!;
        if (slot < first || slot >= last) continue;
        for (let f = 0; f < width; f++) {
          const v = runs[i + 1 + f]!;
          dense[slot * width + f]! += v;
          acc[COUNTER_FIELDS[f]!] += v;
          sums.total[COUNTER_FIELDS[f]!] += v;
        }
      }
    }
  }
  const perHour = HOUR_MS / BUCKET_MS;
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    const dense = byDay.get(day)!;
    const hourly = !opts.fineSlots && isWholeDayOf(day, start, to);
    const step = hourly ? perHour : 1;
    for (let slot = 0; slot < SLOTS_PER_DAY; slot += step) {
      const p: BucketPoint = { start: day + slot * BUCKET_MS, ...emptyCounts() };
      let any = false;
      for (let s2 = slot; s2 < slot + step; s2++) {
        for (let f = 0; f < width; f++) {
          const v = dense[s2 * width + f]!;
          if (v !== 0) {
            p[COUNTER_FIELDS[f]!] += v;
            any = true;
          }
        }
      }
      if (any) sums.points.push(p);
    }
  }
  // hourly negatives: the range is read at whole hours
  for (const g of ['kn', 'xn'] as const) {
    const kind: TopicKind = g === 'xn' ? 'crisis' : 'keyword';
    for (const { day, payload } of days) {
      if (day + DAY_MS <= start || day >= end || !payload[g]) continue;
      const first = Math.max(0, (start - day) / HOUR_MS);
      const last = Math.min(24, (end - day) / HOUR_MS);
      for (const [topic, runs] of Object.entries(payload[g])) {
        if (!topic) continue;
        let negative = 0;
        for (let i = 0; i < runs.length; i += 2) if (runs[i]! >= first && runs[i]! < last) negative += runs[i + 1]!;
        if (negative === 0) continue;
        const key = `${kind}:${topic}`;
        const t = sums.topics.get(key);
        if (t) t.negative += negative;
        else sums.topics.set(key, { topic, kind, negative });
      }
    }
  }
  for (const [key, t] of sums.topics) if (t.negative === 0) sums.topics.delete(key);
  sums.aspects = aspectSums(days, start, end);
  return sums;
}
