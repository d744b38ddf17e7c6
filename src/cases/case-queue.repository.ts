import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import type { Case, Placement } from '../core/cases/case.js';
import { keyCode, partitionHolds, partitionOf, partitionWidth, queueKeys, readingOrder, spanMinutes } from '../core/cases/queue-partitions.js';
import { queueEntryOf, type QueueEntry } from '../core/cases/queue.js';
import { CaseQueueDirectory, pagesOf } from './case-queue-directory.js';

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
 * under, in `case_queue_<keyCode>_<partition>` as `{_id, e: JSON}`, written and deleted by `_id`; which
 * partitions hold entries is the directory's (case-queue-directory.ts). A page reads whole partitions
 * (`find({})`, no index needed on MongoDB either, ~50 entries each).
 */
@Injectable()
export class CaseQueueRepository implements OnModuleInit {
  /** Each key's size as this process last saw it, to size new partitions without a read per write. */
  private readonly sizes = new Map<string, { count: number; span: number; at: number }>();
  private readonly directory: CaseQueueDirectory;

  constructor(@InjectConnection() private readonly connection: Connection) {
    this.directory = new CaseQueueDirectory(() => this.connection.db!);
  }

  async onModuleInit(): Promise<void> {
    await this.directory.convertOld();
  }

  private partition(key: string, part: string): mongo.Collection<StoredEntry> {
    return this.connection.db!.collection<StoredEntry>(`case_queue_${keyCode(key)}_${part}`);
  }

  /** A key's partitions with their entry counts (read them in `readingOrder`: due first, the waiting one last). */
  parts(key: string): Promise<Record<string, number>> {
    return this.directory.parts(key);
  }

  /**
   * A key's size and due span, measured in directory pages, for placing entries only: summing ~2,100
   * partitions into pages took 100–200 ms on a loaded machine, too much for every page of the queue.
   */
  private async measure(key: string): Promise<{ count: number; span: number; at: number }> {
    const pages = pagesOf(await this.directory.parts(key));
    const live = readingOrder(pages);
    const size = { count: live.reduce((n, p) => n + pages[p]!, 0), span: spanMinutes(live), at: performance.now() };
    this.sizes.set(key, size);
    return size;
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
        if (!size || performance.now() - size.at > SIZE_TTL_MS) size = await this.measure(key);
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
    for (const p of placements) {
      const c = perKey.get(p.key) ?? perKey.set(p.key, {}).get(p.key)!;
      c[p.part] = (c[p.part] ?? 0) + by;
      const size = this.sizes.get(p.key);
      if (size) size.count += by;
    }
    if (!perKey.size) return;
    await this.directory.add(perKey);
  }
}
