import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { mongo } from 'mongoose';
import type { Placement } from '../core/cases/case.js';
import { foldPlan, StageView, type LeftMarker, type StagedMove, type VersionedEntry } from '../core/cases/queue-stage.js';
import type { QueueEntry } from '../core/cases/queue.js';
import { deleteIds } from '../platform/database/delta-ledger.js';
import { insertKeepingFirst } from '../platform/database/duplicate-keys.js';
import type { CaseQueueDirectory } from './case-queue-directory.js';

/**
 * A stored queue entry: the entry as JSON in `e` and the case version it shows in `v`. The embedded
 * database's cost is per decoded field, and a partition's ~50 entries of ~17 fields each were most of a
 * queue page's time (measured: 4 partitions read in 248 ms as fields, 71 ms as JSON, same run).
 */
export interface StoredEntry {
  _id: string;
  e: string;
  v?: number;
}
export const packed = (e: QueueEntry, v: number): StoredEntry => ({ _id: e._id, e: JSON.stringify(e), v });
const revive = (k: string, v: unknown) => ((k === 'dueAt' || k === 'openedAt') && typeof v === 'string' ? new Date(v) : v);
// An entry written before entries were packed is read as it is (it is packed when its case next changes).
export const unpacked = (d: StoredEntry | QueueEntry): VersionedEntry =>
  'e' in d ? { entry: JSON.parse(d.e, revive) as QueueEntry, v: d.v ?? 0 } : { entry: d, v: 0 };

/** `b|id` a staged batch (`m`: JSON moves); `l|case|version` a marker (`l`: JSON placements left, `at`: written). */
interface StageDoc {
  _id: string;
  m?: string;
  l?: string;
  at?: Date;
}

// A process folds after this many stage writes of its own (and the case SLA pass folds a stage of QUIET_FOLD batches
// or more, so a burst's last batches do not wait for the next one, and a replay folds as often as before): a fold writes
// once to every partition its batches touch, and that set hardly grows with the batches (measured on a seeded history:
// 78 partition inserts folding 8 batches, 81 folding 32), so folding less often cuts ingest's driver calls per batch.
// A read folds a stage another process left this big.
const FOLD_EVERY = 32;
const FOLD_AT_READ = 48;
export const QUIET_FOLD = 8;
// A read within this long of the last one reuses it (a page reads several keys and partitions); own writes renew it.
const VIEW_TTL_MS = 250;
// A fold's partition inserts and stale-copy deletes in flight at once. On the embedded database every call shares one
// connection, so a call of ingest made during a fold waits behind the fold's calls already queued: 111 partition inserts
// sent at once held the next batch's first insert 3.0 s on a 1M history (the push API's slowest requests).
const FOLD_WIDTH = 2;
// A marker outlives any fold that could have read a batch before it was written.
const MARKER_KEEP_MS = 10 * 60_000;

/**
 * The queue's stage, `case_queue_stage` (see core/cases/queue-stage.ts): one insert per batch of new
 * cases; a fold copies the entries into their partitions (`_id` inserts, a repeat refused), their counts
 * into each key's directory under the batch's id (a repeat refused), deletes the copies a newer change
 * left meanwhile, then the batches. Any daemon may fold, several at once, or crash half-way: each step
 * is keyed, so the next fold finishes it. The fold keeps the stage to a few documents.
 */
export class CaseQueueStage {
  private readonly logger = new Logger(CaseQueueStage.name);
  private view: { at: number; read: Promise<{ view: StageView; batches: number }> } | null = null;
  private sinceFold = 0;
  private folding: Promise<void> | null = null;

  constructor(
    private readonly db: () => mongo.Db,
    private readonly partition: (key: string, part: string) => mongo.Collection<StoredEntry>,
    private readonly directory: CaseQueueDirectory,
  ) {}

  private col(): mongo.Collection<StageDoc> {
    return this.db().collection<StageDoc>('case_queue_stage');
  }

  /** What the stage holds; read before any directory or partition it is merged with (a fold moves staged entries there first). */
  async read(): Promise<StageView> {
    return (await this.snapshot()).view;
  }

  /** Folds when the stage holds `batches` batches or more (the case SLA pass, after its reads: their snapshot is reused). */
  async settle(batches: number): Promise<void> {
    if ((await this.snapshot()).batches >= batches) await this.fold();
  }

  private snapshot(): Promise<{ view: StageView; batches: number }> {
    if (this.view && performance.now() - this.view.at < VIEW_TTL_MS) return this.view.read;
    const at = performance.now();
    const seen = (docs: StageDoc[]) => ({ view: viewOf(docs), batches: docs.filter((d) => d.m).length });
    const read = this.col().find({}).toArray().then(async (docs) => {
      if (docs.length < FOLD_AT_READ) return seen(docs);
      await this.fold();
      return seen(await this.col().find({}).toArray());
    });
    this.view = { at, read };
    read.catch(() => (this.view = null));
    return read;
  }

  /** Stages one batch of new cases' entries. */
  async add(moves: readonly StagedMove[]): Promise<void> {
    if (!moves.length) return;
    await this.col().insertOne({ _id: `b|${randomUUID()}`, m: JSON.stringify(moves.map((m) => ({ e: m.entry, v: m.v, p: m.placed }))) });
    await this.wrote();
  }

  /** Marks placements cases left (before their copies are deleted), so a late fold's copy there is stale. */
  async markLeft(markers: readonly LeftMarker[]): Promise<void> {
    if (!markers.length) return;
    await insertKeepingFirst(this.col(), markers.map((l) => ({ _id: `l|${l.caseId}|${l.v}`, l: JSON.stringify(l.left), at: new Date() })));
    await this.wrote();
  }

  /**
   * After a stage write: starts a fold every FOLD_EVERY writes, off the request that made the write (a fold of 32
   * batches is ~115 driver calls: that request's latency was the push API's p95). Nothing waits for it but `idle`
   * (shutdown); a failed or cut-off fold loses nothing: its batches stay staged, read and merged, and every step of
   * the next fold is keyed.
   */
  private async wrote(): Promise<void> {
    this.view = null;
    if (++this.sinceFold < FOLD_EVERY) return;
    void this.fold().catch((err: Error) => this.logger.error({ event: 'case_queue_fold_failed', error: err.message }));
  }

  /** Resolves once no fold of this process is in flight (before the connection closes; a failed one counts as done). */
  async idle(): Promise<void> {
    await this.folding?.catch(() => undefined);
  }

  /** Folds the staged batches into partitions and directories (one fold at a time per process). */
  fold(): Promise<void> {
    this.folding ??= this.foldOnce().finally(() => (this.folding = null));
    return this.folding;
  }

  private async foldOnce(): Promise<void> {
    this.sinceFold = 0;
    const docs = await this.col().find({}).toArray();
    const batches = docs.filter((d) => d.m).map((d) => ({ id: d._id, moves: movesOf(d) }));
    if (batches.length) {
      const plan = foldPlan(batches);
      await fewAtOnce([...plan.inserts.values()], ({ p, entries }) => insertKeepingFirst(this.partition(p.key, p.part), entries.map((x) => packed(x.entry, x.v))));
      await this.directory.addBatches(plan.counts);
      // Read after the copies: a change that left a partition marked it before deleting there, so a copy
      // that landed after that delete is found here.
      const markers = viewOf(await this.col().find({}).toArray());
      const lowered = new Map<string, Record<string, number>>();
      const stale = [...plan.inserts.values()].flatMap(({ p, entries }) => entries.filter((x) => markers.stale(x.entry._id, x.v, p)).map((x) => ({ p, x })));
      await fewAtOnce(stale, async ({ p, x }) => {
        if (!(await this.partition(p.key, p.part).deleteOne({ _id: x.entry._id, v: { $lte: x.v } })).deletedCount) return;
        const c = lowered.get(p.key) ?? lowered.set(p.key, {}).get(p.key)!;
        c[p.part] = (c[p.part] ?? 0) - 1;
      });
      if (lowered.size) await this.directory.add(lowered);
      await deleteIds(this.col(), batches.map((b) => b.id));
    }
    const expired = docs.filter((d) => d.at && Date.now() - d.at.getTime() > MARKER_KEEP_MS).map((d) => d._id);
    if (expired.length) await deleteIds(this.col(), expired);
    this.view = null;
  }
}

/** Runs `step` on every item, FOLD_WIDTH at a time, in order; the first failure rejects and no further step starts. */
async function fewAtOnce<T>(items: readonly T[], step: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: Math.min(FOLD_WIDTH, items.length) }, async () => {
      while (!failed && next < items.length) await step(items[next++]!).catch((err: unknown) => {
        failed = true;
        throw err;
      });
    }),
  );
}

function movesOf(d: StageDoc): StagedMove[] {
  return (JSON.parse(d.m!, revive) as { e: QueueEntry; v: number; p: Placement[] }[]).map((m) => ({ entry: m.e, v: m.v, placed: m.p }));
}

function viewOf(docs: readonly StageDoc[]): StageView {
  const markers = docs.filter((d) => d.l).map((d) => ({ caseId: d._id.slice(2, d._id.lastIndexOf('|')), v: Number(d._id.slice(d._id.lastIndexOf('|') + 1)), left: JSON.parse(d.l!) as Placement[] }));
  return new StageView(docs.filter((d) => d.m).flatMap(movesOf), markers);
}
