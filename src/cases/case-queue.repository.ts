import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import type { Case, Placement } from '../core/cases/case.js';
import { keyCode, pageOf, partitionHolds, partitionOf, partitionWidth, queueKeys, readingOrder, spanMinutes } from '../core/cases/queue-partitions.js';
import { queueEntryOf, type QueueEntry } from '../core/cases/queue.js';

// Counts are raised before an insert and lowered after a delete, so they are never too low.
interface KeyDoc {
  _id: string;
  /** Entries per directory page. */
  pages: Record<string, number>;
}
interface PageDoc {
  _id: string;
  /** Entries per partition of the page, and in all (`n`: the page is forgotten only while it is 0). */
  parts: Record<string, number>;
  n: number;
}

/** A case's queue entry with where it goes and where it was. */
export interface QueueMove {
  id: string;
  entry: QueueEntry | null;
  placed: Placement[];
  previous: Placement[];
}

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000 || ((err as { writeErrors?: { code: number }[] }).writeErrors ?? [{ code: 0 }]).every((e) => e.code === 11000);
// A key's size is read again after this long, so a width follows the queue as it grows or drains.
const SIZE_TTL_MS = 60_000;
// Emptied directory pages are forgotten once a key has this many, in one conditional update.
const PRUNE_AT = 20;
const pageId = (key: string, page: string) => `${key}\n${page}`;

/**
 * A stored queue entry: the entry as JSON in `e`. The embedded database's cost is per decoded field, and a
 * partition's ~50 entries of ~17 fields each were most of a queue page's time (measured: 4 partitions read
 * in 248 ms as fields, 71 ms as JSON, same run; .cache/probe/shape.mjs).
 */
interface StoredEntry {
  _id: string;
  e: string;
}
const packed = (e: QueueEntry): StoredEntry => ({ _id: e._id, e: JSON.stringify(e) });
// An entry written before entries were packed is read as it is (it is packed when its case next changes).
const unpacked = (d: StoredEntry | QueueEntry): QueueEntry =>
  'e' in d ? (JSON.parse(d.e, (k, v) => ((k === 'dueAt' || k === 'openedAt') && typeof v === 'string' ? new Date(v) : v)) as QueueEntry) : d;

/**
 * The reply queue (see core/cases/queue-partitions.ts): every entry is stored once per key it is listed
 * under, in `case_queue_<keyCode>_<partition>` as `{_id, e: JSON}`, written and deleted by `_id`. The directory, read by `_id`:
 * `case_queue_keys` holds `{_id: key, pages: {page: n}}` (one small document per key, one field per
 * directory page) and `case_queue_pages` `{_id: key\npage, parts: {partition: n}, n}` (at most PAGE_SPAN
 * fields). A page reads whole partitions (`find({})`, no index needed on MongoDB either, ~50 entries each).
 */
@Injectable()
export class CaseQueueRepository {
  /** Each key's size as this process last saw it, to size new partitions without a read per write. */
  private readonly sizes = new Map<string, { count: number; span: number; at: number }>();

  constructor(@InjectConnection() private readonly connection: Connection) {}

  private keys() {
    return this.connection.db!.collection<KeyDoc>('case_queue_keys');
  }

  private pageDocs() {
    return this.connection.db!.collection<PageDoc>('case_queue_pages');
  }

  private partition(key: string, part: string): mongo.Collection<StoredEntry> {
    return this.connection.db!.collection<StoredEntry>(`case_queue_${keyCode(key)}_${part}`);
  }

  /** A key's directory pages with their entry counts (the emptied ones included). */
  async pages(key: string): Promise<Record<string, number>> {
    const pages = (await this.keys().findOne({ _id: key }))?.pages ?? {};
    const live = readingOrder(pages);
    this.sizes.set(key, { count: live.reduce((n, p) => n + pages[p]!, 0), span: spanMinutes(live), at: performance.now() });
    const empty = Object.keys(pages).filter((p) => pages[p]! <= 0);
    if (empty.length >= PRUNE_AT) {
      // Each matches only while still empty, so a page just written to is kept. One delete for the pages: a
      // delete with a condition besides `_id` reads the whole collection on the embedded server.
      await this.keys().updateOne({ _id: key, ...Object.fromEntries(empty.map((p) => [`pages.${p}`, { $lte: 0 }])) }, { $unset: Object.fromEntries(empty.map((p) => [`pages.${p}`, ''])) });
      await this.pageDocs().deleteMany({ _id: { $in: empty.map((p) => pageId(key, p)) }, n: { $lte: 0 } });
    }
    return pages;
  }

  /** The partitions of one directory page of a key with their entry counts. */
  async pageParts(key: string, page: string): Promise<Record<string, number>> {
    return (await this.pageDocs().findOne({ _id: pageId(key, page) }))?.parts ?? {};
  }

  /** Every entry of one partition of a key. */
  async entries(key: string, part: string): Promise<QueueEntry[]> {
    return ((await this.partition(key, part).find({}).toArray()) as (StoredEntry | QueueEntry)[]).map(unpacked);
  }

  /**
   * Where each case's entry goes: under each of its keys, the partition it was in while that still
   * covers its due time, else a partition at the key's width for its size (this batch included).
   */
  async place(cases: readonly { after: Case; before?: Case | null }[]): Promise<QueueMove[]> {
    const entries = cases.map((c) => queueEntryOf(c.after));
    const batch = new Map<string, QueueEntry[]>();
    for (const e of entries) {
      for (const k of e ? queueKeys(e) : []) {
        const list = batch.get(k);
        if (list) list.push(e!);
        else batch.set(k, [e!]);
      }
    }
    const widths = new Map<string, number>();
    await Promise.all(
      [...batch].map(async ([key, es]) => {
        let size = this.sizes.get(key);
        if (!size || performance.now() - size.at > SIZE_TTL_MS) {
          await this.pages(key);
          size = this.sizes.get(key)!;
        }
        let [first, last] = [Infinity, -Infinity];
        for (const e of es) {
          if (e.waiting) continue;
          first = Math.min(first, e.dueAt.getTime());
          last = Math.max(last, e.dueAt.getTime());
        }
        const span = Math.max(size.span, last > first ? (last - first) / 60_000 : 0);
        widths.set(key, partitionWidth(size.count + es.length, span));
      }),
    );
    return cases.map(({ before }, i) => {
      const entry = entries[i]!;
      const previous = before?.queued ?? [];
      const placed = (entry ? queueKeys(entry) : []).map((key) => {
        const kept = previous.find((p) => p.key === key && partitionHolds(p.part, entry!.dueAt, !!entry!.waiting));
        return kept ?? { key, part: partitionOf(entry!.dueAt, !!entry!.waiting, widths.get(key)!) };
      });
      return { id: cases[i]!.after._id, entry, placed, previous };
    });
  }

  /** Writes entries where `place` put them and deletes them where they no longer belong. */
  async move(moves: readonly QueueMove[]): Promise<void> {
    const same = (a: Placement) => (b: Placement) => a.key === b.key && a.part === b.part;
    const added = moves.flatMap((m) => m.placed.filter((p) => !m.previous.some(same(p))).map((p) => ({ ...p, entry: m.entry! })));
    await this.count(added, 1);
    const fresh = new Map<string, { key: string; part: string; entries: QueueEntry[] }>();
    const replaced: Promise<unknown>[] = [];
    for (const m of moves) {
      for (const p of m.placed) {
        if (m.previous.length === 0) {
          const id = `${p.key}\n${p.part}`;
          const group = fresh.get(id);
          if (group) group.entries.push(m.entry!);
          else fresh.set(id, { ...p, entries: [m.entry!] });
        } else replaced.push(this.partition(p.key, p.part).replaceOne({ _id: m.entry!._id }, packed(m.entry!), { upsert: true }));
      }
    }
    // A repeated insert (a retry after a crash) finds the entries there already.
    const ignoreRepeats = (err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    };
    for (const f of fresh.values()) replaced.push(this.partition(f.key, f.part).insertMany(f.entries.map(packed), { ordered: false }).catch(ignoreRepeats));
    await Promise.all(replaced);
    const left = moves.flatMap((m) => m.previous.filter((p) => !m.placed.some(same(p))).map((p) => ({ ...p, id: m.id })));
    const deleted = await Promise.all(left.map(async (p) => ((await this.partition(p.key, p.part).deleteOne({ _id: p.id })).deletedCount ? p : null)));
    await this.count(deleted.filter((p): p is NonNullable<typeof p> => !!p), -1);
  }

  private async count(placements: readonly Placement[], by: 1 | -1): Promise<void> {
    const perKey = new Map<string, Record<string, number>>();
    const perPage = new Map<string, Record<string, number>>();
    const add = (map: Map<string, Record<string, number>>, id: string, fields: string[]) => {
      const inc = map.get(id) ?? {};
      for (const f of fields) inc[f] = (inc[f] ?? 0) + by;
      map.set(id, inc);
    };
    for (const p of placements) {
      add(perPage, pageId(p.key, pageOf(p.part)), [`parts.${p.part}`, 'n']);
      add(perKey, p.key, [`pages.${pageOf(p.part)}`]);
    }
    // Pages first: a page is forgotten only while its `n` is 0, so a key never lists a page without its document.
    // One round trip per collection: a batch of new cases touches a page and a key per filter (about twenty),
    // and on the embedded server's one connection each separate update cost a round trip of its own.
    const incs = <T extends { _id: string }>(entries: Map<string, Record<string, number>>) =>
      [...entries].map(([id, inc]) => ({ updateOne: { filter: { _id: id }, update: { $inc: inc }, upsert: true } }) as mongo.AnyBulkWriteOperation<T>);
    if (perPage.size) await this.pageDocs().bulkWrite(incs<PageDoc>(perPage), { ordered: false });
    if (perKey.size) await this.keys().bulkWrite(incs<KeyDoc>(perKey), { ordered: false });
    for (const p of placements) {
      const size = this.sizes.get(p.key);
      if (size) size.count += by;
    }
  }
}
