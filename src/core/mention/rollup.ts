import { BUCKET_MS, COUNTER_FIELDS, emptyCounts, type BucketCounts, type BucketPoint } from './bucket.js';
import type { BucketDeltas, TopicCounts, TopicKind } from './contribution.js';

/**
 * Packed rollups: the read model of the dashboards. One document per brand and UTC hour (5-minute slots
 * inside) and one per brand and UTC day (hour slots inside), each holding the brand's counters, its
 * per-platform counters and, per keyword and crisis term, its negative mentions (what the dashboard ranks).
 * Only negatives: counting every keyword would make the documents several times larger, and FerretDB's
 * cost grows with the bytes it decodes. They live in time-partitioned collections
 * (hours: one collection per UTC day; days: one per UTC month), so a read touches a few small collections
 * whatever the number of stored mentions. Like the 5-minute buckets they change only by `$inc` upserts
 * of exactly the delta a write caused.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export type RollupLevel = 'hour' | 'day';

/** One `$inc` upsert of a rollup document. */
export interface RollupWrite {
  collection: string;
  id: string;
  brand: string;
  start: number;
  inc: Record<string, number>;
}

/** Stored shape: `c` counters, `p.<platform>` counters, `s.<slot>` counters, `k`/`x` topic counts. */
export interface RollupDoc {
  _id: string;
  brand: string;
  start: Date;
  c?: Partial<BucketCounts>;
  p?: Record<string, Partial<BucketCounts>>;
  s?: Record<string, Partial<BucketCounts>>;
  k?: Record<string, number>;
  x?: Record<string, number>;
}

export const floorTo = (t: number, unit: number) => t - (((t % unit) + unit) % unit);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Collection holding the rollup document of `level` that starts at `start`. */
export function rollupCollection(level: RollupLevel, start: number): string {
  const d = new Date(start);
  const month = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}`;
  return level === 'hour' ? `rollup_hours_${month}${pad(d.getUTCDate())}` : `rollup_days_${month}`;
}

/** Field names may not contain "." or start with "$": those (and "%") are percent-encoded. */
export function fieldKey(s: string): string {
  return s.replace(/[%.$]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function fromFieldKey(s: string): string {
  return s.replace(/%(25|2E|24)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The rollup upserts that carry a batch of bucket deltas into the hour and day documents. */
export function rollupWrites(d: BucketDeltas): RollupWrite[] {
  const out = new Map<string, RollupWrite>();
  const doc = (level: RollupLevel, brand: string, t: number) => {
    const start = floorTo(t, level === 'hour' ? HOUR_MS : DAY_MS);
    const collection = rollupCollection(level, start);
    const id = `${brand}|${start}`;
    const key = `${collection}/${id}`;
    let w = out.get(key);
    if (!w) out.set(key, (w = { collection, id, brand, start, inc: {} }));
    return w;
  };
  const add = (w: RollupWrite, field: string, v: number | undefined) => {
    if (v) w.inc[field] = (w.inc[field] ?? 0) + v;
  };
  for (const b of d.buckets.values()) {
    for (const level of ['hour', 'day'] as const) {
      const w = doc(level, b.brand, b.start);
      const slot = level === 'hour' ? (b.start - w.start) / BUCKET_MS : (b.start - w.start) / HOUR_MS;
      const platform = fieldKey(b.platform);
      for (const k of COUNTER_FIELDS) {
        add(w, `c.${k}`, b.inc[k]);
        add(w, `p.${platform}.${k}`, b.inc[k]);
        add(w, `s.${Math.floor(slot)}.${k}`, b.inc[k]);
      }
    }
  }
  for (const t of d.topics.values()) {
    if (!t.topic) continue;
    for (const level of ['hour', 'day'] as const) {
      const w = doc(level, t.brand, t.start);
      add(w, `${t.kind === 'crisis' ? 'x' : 'k'}.${fieldKey(t.topic)}`, t.inc.negative);
    }
  }
  for (const [key, w] of out) if (!Object.keys(w.inc).length) out.delete(key);
  return [...out.values()];
}

/** Which rollup documents cover [from, to): whole UTC days inside the range as day documents, the rest as hours. */
export function rollupCover(from: number, to: number, opts: { fineSlots: boolean }): { level: RollupLevel; start: number }[] {
  const out: { level: RollupLevel; start: number }[] = [];
  for (let t = floorTo(from, HOUR_MS); t < to; ) {
    if (!opts.fineSlots && t % DAY_MS === 0 && t + DAY_MS <= to) {
      out.push({ level: 'day', start: t });
      t += DAY_MS;
    } else {
      out.push({ level: 'hour', start: t });
      t += HOUR_MS;
    }
  }
  return out;
}

export interface TopicTotals extends Pick<TopicCounts, 'negative'> {
  topic: string;
  kind: TopicKind;
}

/** What a set of rollup documents adds up to, per brand. */
export interface RollupSums {
  /** Slot points (5-minute from hour documents, hourly from day documents), summed over platforms. */
  points: BucketPoint[];
  platforms: Record<string, BucketCounts>;
  total: BucketCounts;
  topics: Map<string, TopicTotals>;
}

export function emptySums(): RollupSums {
  return { points: [], platforms: {}, total: emptyCounts(), topics: new Map() };
}

const counts = (p: Partial<BucketCounts> | undefined): BucketCounts => {
  const c = emptyCounts();
  if (p) for (const k of COUNTER_FIELDS) c[k] = p[k] ?? 0;
  return c;
};

/** Adds one rollup document (of `level`) into `into`. */
export function addRollup(into: RollupSums, doc: RollupDoc, level: RollupLevel): RollupSums {
  const start = doc.start.getTime();
  const slotMs = level === 'hour' ? BUCKET_MS : HOUR_MS;
  for (const [slot, c] of Object.entries(doc.s ?? {})) into.points.push({ start: start + Number(slot) * slotMs, ...counts(c) });
  for (const [platform, c] of Object.entries(doc.p ?? {})) {
    const name = fromFieldKey(platform);
    const acc = (into.platforms[name] ??= emptyCounts());
    const add = counts(c);
    for (const k of COUNTER_FIELDS) acc[k] += add[k];
  }
  const total = counts(doc.c);
  for (const k of COUNTER_FIELDS) into.total[k] += total[k];
  for (const [kind, map] of [['keyword', doc.k], ['crisis', doc.x]] as const) {
    for (const [key, v] of Object.entries(map ?? {})) {
      const topic = fromFieldKey(key);
      const id = `${kind}:${topic}`;
      const acc = into.topics.get(id) ?? into.topics.set(id, { topic, kind, negative: 0 }).get(id)!;
      acc.negative += v;
    }
  }
  return into;
}
