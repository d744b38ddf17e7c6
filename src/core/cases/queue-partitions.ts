import type { QueueEntry, QueueFilter } from './queue.js';

/**
 * Where queue entries live. Every filter the queue page offers has its own queue (a "key"), and each
 * key's queue is split into partitions by due time, whose width follows the key's size: about
 * PARTITION_TARGET entries each, so the first page of the whole queue and of one owner's queue both
 * read one or two small partitions. A partition is named by its start and width, and a case records
 * the partitions it was placed in, so a width may change at any time without moving entries.
 * A key's directory (cases/case-queue-directory.ts) counts its entries per partition; the span a key's
 * queue covers, which sizes new partitions, is measured in directory pages of PAGE_SPAN partitions of one
 * width ("<start>p<width>"), so it does not shrink when a few partitions empty.
 * A partition is also bounded by its number of entries (PARTITION_CAP): a burst of cases due in one minute,
 * which no width can split, spills into sub-partitions of that partition (core/cases/queue-fill.ts), each
 * named by the due time it starts at, "<start>w<width>s<ms after the start>" ("…r<n>" when several start at the
 * same ms), and holding due times from there to the end of its partition's range.
 */

export const WAITING_PART = 'waiting';
/** Partition widths in minutes (1440 is a UTC day). */
export const PARTITION_WIDTHS = [1, 2, 5, 10, 20, 30, 60, 120, 240, 720, 1440] as const;
// On the embedded database a read costs about as much as decoding 35 queue entries (measured: ~13 ms a
// query, ~0.37 ms an entry); partitions of ~50 balance the two for a page of 50.
export const PARTITION_TARGET = 50;
/**
 * At most this many entries are placed in one partition (a process's count: see queue-fill.ts); a full one spills.
 * Twice the target, so a partition sized by its width rarely spills.
 */
export const PARTITION_CAP = 2 * PARTITION_TARGET;
/** Partitions per directory page (the unit a key's due span is measured in). */
export const PAGE_SPAN = 60;
const MINUTE = 60_000;
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/[-T:]/g, '');

/** The keys an entry is listed under: the whole queue, each single filter, and brand with platform. */
export function queueKeys(e: Pick<QueueEntry, 'brand' | 'platform' | 'team' | 'owner' | 'aspects'>): string[] {
  const keys = ['all', `brand=${e.brand}`, `platform=${e.platform}`, `team=${e.team}`, `brand=${e.brand}&platform=${e.platform}`];
  if (e.owner) keys.push(`owner=${e.owner}`);
  for (const a of e.aspects ?? []) keys.push(`aspect=${a}`);
  return keys;
}

/** The keys whose queue holds every entry matching `f` (the narrowest is read, the rest filtered in memory). */
export function keysOfFilter(f: QueueFilter): string[] {
  const keys: string[] = [];
  if (f.brand && f.platform) keys.push(`brand=${f.brand}&platform=${f.platform}`);
  if (f.owner) keys.push(`owner=${f.owner}`);
  if (f.aspect) keys.push(`aspect=${f.aspect}`);
  if (f.brand) keys.push(`brand=${f.brand}`);
  if (f.platform) keys.push(`platform=${f.platform}`);
  if (f.team) keys.push(`team=${f.team}`);
  return keys.length ? keys : ['all'];
}

/** The widest width that keeps ~PARTITION_TARGET of `count` entries spread over `spanMinutes` in a partition. */
export function partitionWidth(count: number, spanMinutes: number): number {
  const ideal = (PARTITION_TARGET * Math.max(spanMinutes, 60)) / Math.max(count, 1);
  return [...PARTITION_WIDTHS].reverse().find((w) => w <= ideal) ?? PARTITION_WIDTHS[0];
}

/** The partition of a due time at a width: "<YYYYMMDDHHmm of its start>w<width>", or the waiting partition. */
export function partitionOf(dueAt: Date, waiting: boolean, width: number): string {
  if (waiting) return WAITING_PART;
  const start = Math.floor(dueAt.getTime() / (width * MINUTE)) * width * MINUTE;
  return `${stamp(start)}w${width}`;
}

/** The sub-partition of `part` (a partition named by partitionOf) that starts `offsetMs` after it, the `repeat`th starting there. */
export function spillOf(part: string, offsetMs: number, repeat = 1): string {
  return `${part}s${offsetMs}${repeat > 1 ? `r${repeat}` : ''}`;
}

const NAME = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)([wp])(\d+)(?:s(\d+)(?:r(\d+))?)?$/;

/**
 * A partition's (or directory page's) parts: the partition of partitionOf it is or spilled from, its width in
 * minutes, its due-time range [start, end), and which of the sub-partitions starting at the same ms it is (1 for the first).
 */
export function parsePartition(part: string): { parent: string; width: number; start: number; end: number; repeat: number } | null {
  const m = NAME.exec(part);
  if (!m) return null;
  const from = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  const width = Number(m[7]);
  const parent = m[8] === undefined ? part : part.slice(0, part.indexOf('s'));
  return { parent, width, start: from + Number(m[8] ?? 0), end: from + width * (m[6] === 'p' ? PAGE_SPAN : 1) * MINUTE, repeat: Number(m[9] ?? 1) };
}

/** The directory page listing a partition: "<YYYYMMDDHHmm of its start>p<width>", or the waiting page. */
export function pageOf(part: string): string {
  const p = parsePartition(part);
  if (!p || part.includes('p')) return WAITING_PART;
  const span = PAGE_SPAN * p.width * MINUTE;
  return `${stamp(Math.floor(p.start / span) * span)}p${p.width}`;
}

/**
 * The due-time range [start, end) in ms of a partition or of a directory page (which spans PAGE_SPAN
 * partitions of its width); the waiting partition and page sort after every other.
 */
export function partitionRange(part: string): { start: number; end: number } {
  const p = parsePartition(part);
  return p ? { start: p.start, end: p.end } : { start: Infinity, end: Infinity };
}

/** Whether a partition can hold an entry due at `dueAt` (so a change that keeps it there moves nothing). */
export function partitionHolds(part: string, dueAt: Date, waiting: boolean): boolean {
  if (part === WAITING_PART) return waiting;
  const r = partitionRange(part);
  return !waiting && dueAt.getTime() >= r.start && dueAt.getTime() < r.end;
}

/**
 * A key's non-empty partitions (or directory pages) in reading order: by start, the waiting partition last.
 * Each name is parsed once (a comparator parsing both names cost ~50 ms for the 2,100 partitions of 100,000
 * open cases on a loaded machine, on every page of the queue).
 */
export function readingOrder(counts: Record<string, number>): string[] {
  return Object.keys(counts)
    .filter((p) => counts[p]! > 0)
    .map((p) => ({ p, start: partitionRange(p).start }))
    .sort((a, b) => a.start - b.start || a.p.localeCompare(b.p))
    .map((x) => x.p);
}

/** The due span (minutes) a key's partitions (or directory pages) cover, to size new ones; 0 when unknown. */
export function spanMinutes(parts: readonly string[]): number {
  const ranges = parts.map(partitionRange).filter((r) => Number.isFinite(r.start));
  if (!ranges.length) return 0;
  return (Math.max(...ranges.map((r) => r.end)) - Math.min(...ranges.map((r) => r.start))) / MINUTE;
}

/**
 * Whether the first `limit` of the entries read are the first of the whole queue: every unread entry is
 * due at or after `nextStart` (the start of the first unread partition; partitions may overlap after a
 * width change, which is why this counts entries before it rather than partitions).
 */
export function pageComplete(read: readonly QueueEntry[], nextStart: number, limit: number): boolean {
  if (nextStart === Infinity) return read.filter((e) => !e.waiting).length >= limit;
  return read.filter((e) => !e.waiting && e.dueAt.getTime() < nextStart).length >= limit;
}

/** A short stable name for a key (keys hold any brand, owner or aspect text; collection names may not). */
export function keyCode(key: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const ch of key) {
    const c = ch.codePointAt(0)!;
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(36) + b.toString(36);
}
