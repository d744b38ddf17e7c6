import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import type { Case, Placement } from '../core/cases/case.js';
import { PartitionFill } from '../core/cases/queue-fill.js';
import { keyCode, partitionHolds, partitionWidth, queueKeys, readingOrder, spanMinutes } from '../core/cases/queue-partitions.js';
import { queueEntryOf, type QueueEntry } from '../core/cases/queue.js';
import { partitionEntries, withStaged } from '../core/cases/queue-stage.js';
import { CaseQueueDirectory, pagesOf } from './case-queue-directory.js';
import { CaseQueueStage, QUIET_FOLD, packed, unpacked, type StoredEntry } from './case-queue-stage.js';

/** A case's queue entry with where it goes and where it was. */
export interface QueueMove {
  id: string;
  /** The case version the entry shows. */
  v: number;
  entry: QueueEntry | null;
  placed: Placement[];
  previous: Placement[];
}

interface KeySize {
  count: number;
  span: number;
  at: number;
  fill: PartitionFill;
}

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000 || ((err as { writeErrors?: { code: number }[] }).writeErrors ?? [{ code: 0 }]).every((e) => e.code === 11000);
// A key's size is read again after this long, so a width follows the queue as it grows or drains.
const SIZE_TTL_MS = 60_000;
// A batch of new cases with more placements than this (bulk seeding) goes straight to its partitions.
const STAGE_MAX_PLACEMENTS = 5_000;

/**
 * The reply queue (see core/cases/queue-partitions.ts): every entry is stored once per key it is listed
 * under, in `case_queue_<keyCode>_<partition>` as `{_id, e: JSON}`, written and deleted by `_id`; which
 * partitions hold entries is the directory's (case-queue-directory.ts). A page reads whole partitions
 * (`find({})`, no index needed on MongoDB either, ~50 entries each). A batch of new cases is staged in one
 * insert (case-queue-stage.ts) and folded into partitions later; reads count and list staged entries too.
 */
@Injectable()
export class CaseQueueRepository implements OnModuleInit, OnModuleDestroy {
  /** Each key's size and partition counts as this process last saw them, to place entries without a read per write. */
  private readonly sizes = new Map<string, KeySize>();
  // One read per key at a time: concurrent batches of a fresh process read each key's directory once, not once each.
  private readonly measuring = new Map<string, Promise<KeySize>>();
  private readonly directory: CaseQueueDirectory;
  private readonly stage: CaseQueueStage;

  constructor(@InjectConnection() private readonly connection: Connection) {
    this.directory = new CaseQueueDirectory(() => this.connection.db!);
    this.stage = new CaseQueueStage(() => this.connection.db!, (key, part) => this.partition(key, part), this.directory);
  }

  async onModuleInit(): Promise<void> {
    await this.directory.convertOld();
  }

  /** Shutdown waits for a fold started after a write (see CaseQueueStage.wrote): it ends before the connection closes. */
  async onModuleDestroy(): Promise<void> {
    await this.stage.idle();
  }

  /** Resolves once no fold started by this process is in flight. */
  folded(): Promise<void> {
    return this.stage.idle();
  }

  private partition(key: string, part: string): mongo.Collection<StoredEntry> {
    return this.connection.db!.collection<StoredEntry>(`case_queue_${keyCode(key)}_${part}`);
  }

  /** A key's partitions with their entry counts (read them in `readingOrder`: due first, the waiting one last). */
  async parts(key: string): Promise<Record<string, number>> {
    const staged = await this.stage.read();
    return withStaged(await this.directory.parts(key), staged.counts(key));
  }

  /** Copies staged entries into their partitions now (a fold also runs every few batches). */
  fold(): Promise<void> {
    return this.stage.fold();
  }

  /** Folds when the stage holds QUIET_FOLD batches or more (read from the snapshot a queue read just took, when fresh). */
  settle(): Promise<void> {
    return this.stage.settle(QUIET_FOLD);
  }

  /**
   * A key's size and due span, measured in directory pages, for placing entries only: summing ~2,100
   * partitions into pages took 100–200 ms on a loaded machine, too much for every page of the queue.
   */
  private async measure(key: string): Promise<KeySize> {
    const parts = await this.parts(key);
    const pages = pagesOf(parts);
    const live = readingOrder(pages);
    const size = { count: live.reduce((n, p) => n + pages[p]!, 0), span: spanMinutes(live), at: performance.now(), fill: new PartitionFill(parts) };
    this.sizes.set(key, size);
    return size;
  }

  /** Every entry of one partition of a key. */
  async entries(key: string, part: string): Promise<QueueEntry[]> {
    const staged = await this.stage.read();
    const stored = ((await this.partition(key, part).find({}).toArray()) as (StoredEntry | QueueEntry)[]).map(unpacked);
    return partitionEntries({ key, part }, stored, staged);
  }

  /**
   * Where each case's entry goes: under each of its keys, the partition it was in while that still
   * covers its due time, else a partition at the key's width for its size (this batch included) that is
   * not full (core/cases/queue-fill.ts).
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
    const widths = new Map<string, { width: number; fill: PartitionFill }>();
    await Promise.all(
      [...batch].map(async ([key, es]) => {
        let size = this.sizes.get(key);
        if (!size || performance.now() - size.at > SIZE_TTL_MS) {
          const read = this.measuring.get(key) ?? this.measure(key).finally(() => this.measuring.delete(key));
          this.measuring.set(key, read);
          size = await read;
        }
        let [first, last] = [Infinity, -Infinity];
        for (const e of es) {
          if (e.waiting) continue;
          first = Math.min(first, e.dueAt.getTime());
          last = Math.max(last, e.dueAt.getTime());
        }
        const span = Math.max(size.span, last > first ? (last - first) / 60_000 : 0);
        widths.set(key, { width: partitionWidth(size.count + es.length, span), fill: size.fill });
      }),
    );
    return cases.map(({ before }, i) => {
      const entry = entries[i]!;
      const previous = before?.queued ?? [];
      const placed = (entry ? queueKeys(entry) : []).map((key) => {
        const kept = previous.find((p) => p.key === key && partitionHolds(p.part, entry!.dueAt, !!entry!.waiting));
        if (kept) return kept;
        const { width, fill } = widths.get(key)!;
        return { key, part: fill.place(entry!.dueAt, !!entry!.waiting, width) };
      });
      return { id: cases[i]!.after._id, v: cases[i]!.after.version, entry, placed, previous };
    });
  }

  /**
   * Writes entries where `place` put them and deletes them where they no longer belong. New cases' entries
   * are staged in one insert; a case that leaves partitions marks them first (its first entry may be staged).
   */
  async move(all: readonly QueueMove[]): Promise<void> {
    const fresh = all.filter((m) => m.entry && m.previous.length === 0);
    const staged = fresh.length > 0 && fresh.reduce((n, m) => n + m.placed.length, 0) <= STAGE_MAX_PLACEMENTS;
    if (staged) await this.stage.add(fresh.map((m) => ({ entry: m.entry!, v: m.v, placed: m.placed })));
    const moves = staged ? all.filter((m) => !fresh.includes(m)) : all;
    const same = (a: Placement) => (b: Placement) => a.key === b.key && a.part === b.part;
    const added = moves.flatMap((m) => m.placed.filter((p) => !m.previous.some(same(p))).map((p) => ({ ...p, entry: m.entry! })));
    await this.count(added, 1);
    const firsts = new Map<string, { key: string; part: string; entries: { entry: QueueEntry; v: number }[] }>();
    const replaced: Promise<unknown>[] = [];
    for (const m of moves) {
      for (const p of m.placed) {
        if (m.previous.length === 0) {
          const id = `${p.key}\n${p.part}`;
          const group = firsts.get(id);
          if (group) group.entries.push({ entry: m.entry!, v: m.v });
          else firsts.set(id, { ...p, entries: [{ entry: m.entry!, v: m.v }] });
        } else replaced.push(this.partition(p.key, p.part).replaceOne({ _id: m.entry!._id }, packed(m.entry!, m.v), { upsert: true }));
      }
    }
    // A repeated insert (a retry after a crash) finds the entries there already.
    const ignoreRepeats = (err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    };
    for (const f of firsts.values()) replaced.push(this.partition(f.key, f.part).insertMany(f.entries.map((e) => packed(e.entry, e.v)), { ordered: false }).catch(ignoreRepeats));
    await Promise.all(replaced);
    const left = moves.flatMap((m) => m.previous.filter((p) => !m.placed.some(same(p))).map((p) => ({ ...p, id: m.id })));
    await this.stage.markLeft(moves.map((m) => ({ caseId: m.id, v: m.v, left: m.previous.filter((p) => !m.placed.some(same(p))) })).filter((l) => l.left.length));
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
