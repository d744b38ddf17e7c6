import { randomUUID } from 'node:crypto';
import type { mongo } from 'mongoose';
import { insertKeepingFirst } from './duplicate-keys.js';

/**
 * Insert-only state in a bounded partition, shared by the counter ledger (a brand's counters of a day)
 * and the stories (a story's summary): writers insert *deltas* (`d|group|random`), a compaction folds
 * a group's deltas into a *summary* (`s|group|gen`) listing the deltas it folded, and readers take the
 * highest-generation summary plus every delta it has not folded — exact whether or not, or how far, a
 * compaction ran, and with any number of writers and compactors (the summary's `_id` makes one of two
 * concurrent compactions win; the loser stops). Nothing is ever updated in place: FerretDB decodes a
 * whole collection for an update, and two writers replacing one document would lose one's change.
 *
 * A document without `kind` is read as a generation-0 summary (state stored whole before deltas).
 */
export interface DeltaDoc {
  _id: string;
  kind?: 'd' | 's';
  /** Summaries: generation (also the end of `_id`). */
  gen?: number;
  /** Summaries: JSON array of the delta ids this summary includes that were present when it was made. */
  folded?: string;
}

/** What the ledger needs of a partition (a driver or mongoose collection). */
export interface Partition<D> {
  find(filter: object): { toArray(): Promise<unknown[]> };
  insertOne(doc: D): Promise<unknown>;
  deleteMany(filter: object): Promise<unknown>;
}

const ID_CHUNK = 500;
const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;
const genOf = (d: DeltaDoc) => d.gen ?? 0;
const isSummary = (d: DeltaDoc) => d.kind !== 'd';

/** Per group, the documents a read counts: the highest-generation summary and every delta it has not folded. */
export function currentDocs<D extends DeltaDoc>(docs: readonly D[], groupOf: (d: D) => string): Map<string, D[]> {
  const latest = new Map<string, D>();
  for (const d of docs) if (isSummary(d) && genOf(latest.get(groupOf(d)) ?? ({ gen: -1 } as D)) < genOf(d)) latest.set(groupOf(d), d);
  const folded = new Map([...latest].map(([g, s]) => [g, new Set(JSON.parse(s.folded ?? '[]') as string[])]));
  const out = new Map<string, D[]>();
  for (const d of docs) {
    const g = groupOf(d);
    if (isSummary(d) ? latest.get(g) !== d : folded.get(g)?.has(d._id)) continue;
    (out.get(g) ?? out.set(g, []).get(g)!).push(d);
  }
  return out;
}

/**
 * Folds every group of a partition that has deltas into a summary of generation gen+1 (`summarize` gets
 * the documents to add: the latest summary, if any, and the fresh deltas), then removes what the newest
 * summary replaced. Returns the groups whose summary another compactor inserted first (left to it).
 */
export async function compactPartition<D extends DeltaDoc>(
  partition: Partition<D>,
  groupOf: (d: D) => string,
  summarize: (group: string, gen: number, include: D[], folded: string[]) => D,
  /** Told each group's summary after the fold (not the groups lost to another compactor). */
  summarized?: (group: string, summary: D) => void,
): Promise<string[]> {
  const docs = (await partition.find({}).toArray()) as unknown as D[];
  const byGroup = new Map<string, D[]>();
  for (const doc of docs) (byGroup.get(groupOf(doc)) ?? byGroup.set(groupOf(doc), []).get(groupOf(doc))!).push(doc);
  const lost: string[] = [];
  const removable: string[] = [];
  for (const [group, mine] of byGroup) {
    const deltas = mine.filter((d) => !isSummary(d));
    const summaries = mine.filter(isSummary).sort((a, b) => genOf(b) - genOf(a));
    const latest = summaries[0];
    const folded = new Set<string>(latest ? (JSON.parse(latest.folded ?? '[]') as string[]) : []);
    const fresh = deltas.filter((d) => !folded.has(d._id));
    let gen = latest ? genOf(latest) : 0;
    if (fresh.length) {
      gen++;
      // Every delta present is in this summary: the fresh ones directly, the others through the latest summary.
      const summary = summarize(group, gen, [...(latest ? [latest] : []), ...fresh], deltas.map((d) => d._id));
      try {
        await partition.insertOne(summary);
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        lost.push(group);
        continue;
      }
      summarized?.(group, summary);
    } else {
      if (latest) summarized?.(group, latest);
      if (!deltas.length && summaries.length <= 1) continue;
    }
    // Only what the newest summary (this one, or the latest when nothing was fresh) includes.
    removable.push(...deltas.map((d) => d._id), ...summaries.filter((s) => genOf(s) < gen).map((s) => s._id));
  }
  await deleteIds(partition, removable);
  return lost;
}

/** Deletes documents by `_id`, a bounded number per statement. */
export async function deleteIds<D extends DeltaDoc>(partition: Partition<D>, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += ID_CHUNK) await partition.deleteMany({ _id: { $in: ids.slice(i, i + ID_CHUNK) } });
}

/**
 * Which partitions' dirty markers a writer must insert now. A marker tells the compaction where deltas are;
 * inserting it for every batch cost a (refused) insert per batch. A writer marks a partition again only
 * after {@link REMARK_MS}, or after its own compaction ran (`forget`): deltas another daemon's compaction
 * missed meanwhile wait for the next mark, and readers count unfolded deltas anyway.
 */
export class DirtyMarks {
  private readonly marked = new Map<string, number>();

  constructor(private readonly remarkMs = REMARK_MS) {}

  /** The partitions of `names` to mark now; they count as marked from `nowMs`. */
  due(names: Iterable<string>, nowMs: number): string[] {
    const out: string[] = [];
    for (const n of names) {
      const at = this.marked.get(n);
      if (at !== undefined && nowMs - at < this.remarkMs) continue;
      this.marked.set(n, nowMs);
      out.push(n);
    }
    return out;
  }

  /** After a compaction in this process: every partition is marked again by its next delta. */
  forget(): void {
    this.marked.clear();
  }
}

export const REMARK_MS = 5_000;

/** A dirty marker: a day (`YYYYMMDD`) one writer added deltas to, and when (its clock); `f|day` while a compaction folds it. */
export interface DirtyMarker {
  _id: string;
  day?: string;
  at?: Date;
}

/**
 * How long after its writer's clock a marker is kept by the compaction: longer than a writer skips re-marking
 * ({@link REMARK_MS}) plus clock skew between hosts, so that a day whose marker is gone holds no delta left out of
 * its last fold — what lets a reader take a day's digest without reading its partition (see `dirtyDays`).
 */
export const MARKER_KEPT_MS = REMARK_MS + 10_000;

const dayOf = (m: DirtyMarker) => m.day ?? m._id.replace(/^f\|/, '');

/**
 * The days of a family of day partitions that hold deltas to fold (`<family>_dirty`): writers mark the days a
 * batch added deltas to (after inserting them; one marker per writer, day and {@link REMARK_MS} at most), the
 * compaction folds each marked day. While it folds a day it keeps an `f|day` marker, and it removes a day's
 * markers only once they are {@link MARKER_KEPT_MS} old, so a day with no marker has nothing unfolded. A day
 * whose fold fails is marked again, so the next compaction tries it once more.
 */
export class DirtyDays {
  private readonly marks = new DirtyMarks();
  /** Markers (`_id`) whose day this process folded after reading them: a day with only those, all young, waits. */
  private folded = new Set<string>();

  constructor(
    private readonly markers: () => mongo.Collection<DirtyMarker>,
    private readonly now: () => number = Date.now,
  ) {}

  async mark(days: Iterable<string>): Promise<void> {
    const at = new Date(this.now());
    const due = this.marks.due(days, performance.now());
    if (due.length) await this.markers().insertMany(due.map((day) => ({ _id: `${day}|${randomUUID()}`, day, at })), { ordered: false });
  }

  /** Marks a day now, whatever this writer marked before (a fold that must be done again). */
  async markAgain(day: string): Promise<void> {
    await this.markers().insertOne({ _id: `${day}|${randomUUID()}`, day, at: new Date(this.now()) });
  }

  /** The days marked or being folded: what a reader must read from their partitions rather than from a digest. */
  async dirtyDays(): Promise<Set<string>> {
    return new Set((await this.markers().find({}).toArray()).map(dayOf));
  }

  /**
   * Folds every marked day with `fold`; returns how many days it folded. A day whose markers are all young
   * and were all there when this process last folded it waits for them to age: the fold after their removal
   * takes in whatever was written meanwhile.
   */
  async foldEach(fold: (day: string) => Promise<void>): Promise<number> {
    this.marks.forget();
    const byDay = new Map<string, DirtyMarker[]>();
    for (const m of await this.markers().find({}).toArray()) (byDay.get(dayOf(m)) ?? byDay.set(dayOf(m), []).get(dayOf(m))!).push(m);
    const folded = new Set<string>();
    let days = 0;
    for (const [day, marked] of byDay) {
      const settled = this.now() - MARKER_KEPT_MS;
      const old = marked.filter((m) => m._id.startsWith('f|') || (m.at?.getTime() ?? 0) <= settled).map((m) => m._id);
      const young = marked.filter((m) => !old.includes(m._id)).map((m) => m._id);
      if (!old.length && young.every((id) => this.folded.has(id))) {
        young.forEach((id) => folded.add(id));
        continue;
      }
      await insertKeepingFirst(this.markers(), [{ _id: `f|${day}`, day }]);
      const gone = old.filter((id) => !id.startsWith('f|'));
      if (gone.length) await this.markers().deleteMany({ _id: { $in: gone } });
      try {
        await fold(day);
      } catch (err) {
        await this.markAgain(day);
        throw err;
      } finally {
        await this.markers().deleteOne({ _id: `f|${day}` });
      }
      young.forEach((id) => folded.add(id));
      days++;
    }
    this.folded = folded;
    return days;
  }
}
