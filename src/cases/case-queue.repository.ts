import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import type { Case, Placement } from '../core/cases/case.js';
import { keyCode, partitionHolds, partitionOf, partitionWidth, queueKeys, readingOrder, spanMinutes } from '../core/cases/queue-partitions.js';
import { queueEntryOf, type QueueEntry } from '../core/cases/queue.js';

interface KeyDoc {
  _id: string;
  /** Entries per partition; raised before an insert and lowered after a delete, so never too low. */
  parts: Record<string, number>;
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
// Emptied partitions are forgotten once a key has this many, in one conditional update.
const PRUNE_AT = 100;

/**
 * The reply queue (see core/cases/queue-partitions.ts): every entry is stored once per key it is listed
 * under, in `case_queue_<keyCode>_<partition>`, written and deleted by `_id`; `case_queue_keys` holds
 * `{_id: key, parts: {partition: n}}`, the directory a page reads first (one document per key). A page
 * reads whole partitions (`find({})`, no index needed on MongoDB either, each holds ~50 entries).
 */
@Injectable()
export class CaseQueueRepository {
  /** Each key's size as this process last saw it, to size new partitions without a read per write. */
  private readonly sizes = new Map<string, { count: number; span: number; at: number }>();

  constructor(@InjectConnection() private readonly connection: Connection) {}

  private keys() {
    return this.connection.db!.collection<KeyDoc>('case_queue_keys');
  }

  private partition(key: string, part: string): mongo.Collection<QueueEntry> {
    return this.connection.db!.collection<QueueEntry>(`case_queue_${keyCode(key)}_${part}`);
  }

  /** A key's partitions with their entry counts (the emptied ones included). */
  async partitions(key: string): Promise<Record<string, number>> {
    const parts = (await this.keys().findOne({ _id: key }))?.parts ?? {};
    const live = readingOrder(parts);
    this.sizes.set(key, { count: live.reduce((n, p) => n + parts[p]!, 0), span: spanMinutes(live), at: performance.now() });
    const empty = Object.keys(parts).filter((p) => parts[p]! <= 0);
    // Matches only while every one of them is still empty, so a partition just written to is kept.
    if (empty.length >= PRUNE_AT) await this.keys().updateOne({ _id: key, ...Object.fromEntries(empty.map((p) => [`parts.${p}`, { $lte: 0 }])) }, { $unset: Object.fromEntries(empty.map((p) => [`parts.${p}`, ''])) });
    return parts;
  }

  /** Every entry of one partition of a key. */
  async entries(key: string, part: string): Promise<QueueEntry[]> {
    return this.partition(key, part).find({}).toArray() as Promise<QueueEntry[]>;
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
          await this.partitions(key);
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
        } else replaced.push(this.partition(p.key, p.part).replaceOne({ _id: m.entry!._id }, m.entry!, { upsert: true }));
      }
    }
    // A repeated insert (a retry after a crash) finds the entries there already.
    const ignoreRepeats = (err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    };
    for (const f of fresh.values()) replaced.push(this.partition(f.key, f.part).insertMany(f.entries, { ordered: false }).catch(ignoreRepeats));
    await Promise.all(replaced);
    const left = moves.flatMap((m) => m.previous.filter((p) => !m.placed.some(same(p))).map((p) => ({ ...p, id: m.id })));
    const deleted = await Promise.all(left.map(async (p) => ((await this.partition(p.key, p.part).deleteOne({ _id: p.id })).deletedCount ? p : null)));
    await this.count(deleted.filter((p): p is NonNullable<typeof p> => !!p), -1);
  }

  private async count(placements: readonly Placement[], by: 1 | -1): Promise<void> {
    const perKey = new Map<string, Record<string, number>>();
    for (const p of placements) {
      const inc = perKey.get(p.key) ?? {};
      inc[`parts.${p.part}`] = (inc[`parts.${p.part}`] ?? 0) + by;
      perKey.set(p.key, inc);
    }
    await Promise.all([...perKey].map(([key, inc]) => this.keys().updateOne({ _id: key }, { $inc: inc }, { upsert: true })));
    for (const p of placements) {
      const size = this.sizes.get(p.key);
      if (size) size.count += by;
    }
  }
}
