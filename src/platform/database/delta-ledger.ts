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
      try {
        await partition.insertOne(summarize(group, gen, [...(latest ? [latest] : []), ...fresh], deltas.map((d) => d._id)));
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        lost.push(group);
        continue;
      }
    } else if (!deltas.length && summaries.length <= 1) {
      continue;
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

/**
 * The days of a family of day partitions that hold deltas to fold (`<family>_dirty`, one marker per day):
 * writers mark the days a batch added deltas to (after inserting them), the compaction folds each marked day.
 * A day whose fold fails is marked again, so the next compaction tries it once more.
 */
export class DirtyDays {
  private readonly marks = new DirtyMarks();

  constructor(private readonly markers: () => mongo.Collection<{ _id: string }>) {}

  async mark(days: Iterable<string>): Promise<void> {
    await insertKeepingFirst(this.markers(), this.marks.due(days, performance.now()).map((_id) => ({ _id })));
  }

  /** Folds every marked day with `fold`; returns how many days were marked. */
  async foldEach(fold: (day: string) => Promise<void>): Promise<number> {
    this.marks.forget();
    const marked = await this.markers().find({}).toArray();
    for (const { _id: day } of marked) {
      await this.markers().deleteOne({ _id: day });
      try {
        await fold(day);
      } catch (err) {
        await insertKeepingFirst(this.markers(), [{ _id: day }]);
        throw err;
      }
    }
    return marked.length;
  }
}
