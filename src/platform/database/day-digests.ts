import type { Collection, Connection } from 'mongoose';
import { dayKey, dayOfKey } from '../../core/mention/ledger.js';
import { deleteIds } from './delta-ledger.js';
import { duplicateKeyIndexes } from './duplicate-keys.js';

/**
 * A digest document of `<prefix>YYYYMM`: what a brand's folded ledger of one UTC day adds up to, in the form a
 * reader of whole days needs (`data`, text), or with brand `*` the mark that the day's digests of generation
 * `gen` are complete (a brand without a digest of that generation had nothing that day). Insert-only: a newer
 * fold inserts a newer generation and removes the older ones, so a reader never sees a digest half written.
 */
interface DigestDoc {
  _id: string;
  day: string;
  brand: string;
  gen: number;
  data?: string;
}

const COMPLETE = '*';
const monthOf = (day: string) => day.slice(0, 6);

/**
 * Month partitions of day digests of a ledger of day partitions (the counters: buckets.repository.ts; the
 * stories: stories.repository.ts): a reader of 30 whole days reads two small collections instead of 30 day
 * partitions. A digest is written by the compaction right after it folded a day, and only ever read for a day
 * with no dirty marker (nothing unfolded since that fold).
 */
export class DayDigests<T> {
  /** Partitions this process has declared their indexes on. */
  private readonly indexed = new Set<string>();
  /** Generation of the last digest this process wrote: numbered by time in µs, strictly increasing here. */
  private gen = 0;

  constructor(
    private readonly connection: Connection,
    /** Collection name before `YYYYMM`. */
    private readonly prefix: string,
    private readonly encode: (value: T) => string,
    /** `key` names the document (`collection|_id`), for a cache of parsed digests. */
    private readonly decode: (key: string, text: string) => T,
  ) {}

  partitionName(month: string): string {
    return `${this.prefix}${month}`;
  }

  private partition(month: string): Collection<DigestDoc> {
    return this.connection.db!.collection<DigestDoc>(this.partitionName(month)) as unknown as Collection<DigestDoc>;
  }

  /**
   * Replaces a day's digests by `digests` (brand → value) as a new generation; false when that generation is
   * already taken (another writer's: the caller marks the day to be folded again).
   */
  async write(day: number, digests: ReadonlyMap<string, T>): Promise<boolean> {
    // Numbered by time, with a random tail so that two processes (or a restart within the same ms) differ.
    const gen = (this.gen = Math.max(this.gen + 1, Date.now() * 1000 + Math.floor(Math.random() * 1000)));
    const key = dayKey(day);
    const col = this.partition(monthOf(key));
    if (!this.indexed.has(col.collectionName)) {
      // readers filter by brand; a fold removes a day's other generations (one call each: FerretDB 1.24
      // panics on a createIndexes of several indexes that already exist)
      await col.createIndex({ brand: 1 });
      await col.createIndex({ day: 1, gen: 1 });
      this.indexed.add(col.collectionName);
    }
    const docs: DigestDoc[] = [...digests].map(([brand, value]) => ({ _id: `${key}|${brand}|${gen}`, day: key, brand, gen, data: this.encode(value) }));
    try {
      if (docs.length) await col.insertMany(docs, { ordered: false });
      await col.insertOne({ _id: `${key}|${COMPLETE}|${gen}`, day: key, brand: COMPLETE, gen });
    } catch (err) {
      if (duplicateKeyIndexes(err) === null && (err as { code?: number }).code !== 11000) throw err;
      return false;
    }
    // every other generation, older or (after a clock stepped back) newer
    const others = await col.find({ day: key, gen: { $ne: gen } }, { projection: { _id: 1 } }).toArray();
    await deleteIds(col, others.map((d) => d._id));
    return true;
  }

  /**
   * The brands' digests of the complete days among `days` (UTC midnights): day → brand → value (a brand
   * absent had nothing that day). Days without a complete digest are left out.
   */
  async read(brands: readonly string[], days: readonly number[]): Promise<Map<number, Map<string, T>>> {
    const wanted = new Set(days.map(dayKey));
    const out = new Map<number, Map<string, T>>();
    for (const month of new Set([...wanted].map(monthOf))) {
      const docs = await this.partition(month).find({ brand: { $in: [...brands, COMPLETE] } }).toArray();
      const complete = new Map<string, number>();
      for (const d of docs) if (d.brand === COMPLETE && wanted.has(d.day) && d.gen > (complete.get(d.day) ?? -1)) complete.set(d.day, d.gen);
      for (const day of complete.keys()) out.set(dayOfKey(day)!, new Map());
      for (const d of docs) {
        if (d.brand === COMPLETE || complete.get(d.day) !== d.gen || d.data === undefined) continue;
        out.get(dayOfKey(d.day)!)!.set(d.brand, this.decode(`${this.partitionName(month)}|${d._id}`, d.data));
      }
    }
    return out;
  }

  /** The days (`YYYYMMDD`) among `days` that have a complete digest. */
  async complete(days: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    const wanted = new Set(days);
    for (const month of new Set(days.map(monthOf))) {
      for (const d of await this.partition(month).find({ brand: COMPLETE }).toArray()) if (wanted.has(d.day)) out.add(d.day);
    }
    return out;
  }

  /** Removes the digests of the days in [fromDay, toDay) (UTC midnights). */
  async clear(fromDay: number, toDay: number): Promise<void> {
    const from = dayKey(fromDay);
    const to = dayKey(Math.min(toDay, 8.64e15));
    const names = (await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    for (const name of names) {
      const month = name.startsWith(this.prefix) ? /^(\d{6})$/.exec(name.slice(this.prefix.length))?.[1] : undefined;
      if (month && month >= monthOf(from) && month <= monthOf(to)) await this.partition(month).deleteMany({ day: { $gte: from, $lt: to } });
    }
  }
}
