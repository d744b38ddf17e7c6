import type { Collection, Connection } from 'mongoose';
import { hourlyPayload } from '../core/mention/hourly-payload.js';
import { dayKey, dayOfKey, type LedgerPayload } from '../core/mention/ledger.js';
import { deleteIds } from '../platform/database/delta-ledger.js';
import { duplicateKeyIndexes } from '../platform/database/duplicate-keys.js';

/**
 * A digest document of `counts_digest_YYYYMM`: a brand's counters of one UTC day summed into hours (`data`, a
 * payload as JSON), or with brand `*` the mark that the day's digests of generation `gen` are complete (a brand
 * without a digest of that generation had nothing that day). Insert-only: a newer fold inserts a newer
 * generation and removes the older ones, so a reader never sees a digest half written.
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
export const digestPartition = (month: string) => `counts_digest_${month}`;

/**
 * Month partitions of day digests for the counter ledger (see buckets.repository.ts): a dashboard over 30 days
 * reads two of them instead of 30 day partitions, at a twelfth of the platform bytes. A digest is only ever
 * read for a day wholly inside an hourly range and with no dirty marker (nothing unfolded since its fold).
 */
export class LedgerDigests {
  /** Partitions this process has declared their indexes on. */
  private readonly indexed = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly parse: (key: string, json: string) => LedgerPayload,
  ) {}

  private partition(month: string): Collection<DigestDoc> {
    return this.connection.db!.collection<DigestDoc>(digestPartition(month)) as unknown as Collection<DigestDoc>;
  }

  /**
   * Replaces a day's digests by those of its summaries just folded (brand → payload), generation `gen`; false
   * when that generation is already taken (another writer's: the caller marks the day to be folded again).
   */
  async write(day: number, summaries: ReadonlyMap<string, LedgerPayload>, gen: number): Promise<boolean> {
    const key = dayKey(day);
    const col = this.partition(monthOf(key));
    if (!this.indexed.has(col.collectionName)) {
      // readers filter by brand; a fold removes a day's other generations (one call each: FerretDB 1.24
      // panics on a createIndexes of several indexes that already exist)
      await col.createIndex({ brand: 1 });
      await col.createIndex({ day: 1, gen: 1 });
      this.indexed.add(col.collectionName);
    }
    const docs: DigestDoc[] = [...summaries].map(([brand, payload]) => ({ _id: `${key}|${brand}|${gen}`, day: key, brand, gen, data: JSON.stringify(hourlyPayload(payload)) }));
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
   * The brands' digests of the complete days among `days` (UTC midnights): day → brand → hourly payload
   * (a brand absent had nothing that day). Days without a complete digest are left out.
   */
  async read(brands: readonly string[], days: readonly number[]): Promise<Map<number, Map<string, LedgerPayload>>> {
    const wanted = new Set(days.map(dayKey));
    const out = new Map<number, Map<string, LedgerPayload>>();
    for (const month of new Set([...wanted].map(monthOf))) {
      const docs = await this.partition(month).find({ brand: { $in: [...brands, COMPLETE] } }).toArray();
      const complete = new Map<string, number>();
      for (const d of docs) if (d.brand === COMPLETE && wanted.has(d.day) && d.gen > (complete.get(d.day) ?? -1)) complete.set(d.day, d.gen);
      for (const day of complete.keys()) out.set(dayOfKey(day)!, new Map());
      for (const d of docs) {
        if (d.brand === COMPLETE || complete.get(d.day) !== d.gen || d.data === undefined) continue;
        out.get(dayOfKey(d.day)!)!.set(d.brand, this.parse(`${digestPartition(month)}|${d._id}`, d.data));
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

  /** Removes the digests of the days in [fromDay, toDay) (UTC midnights), before their counters are cleared. */
  async clear(fromDay: number, toDay: number): Promise<void> {
    const from = dayKey(fromDay);
    const to = dayKey(Math.min(toDay, 8.64e15));
    const names = (await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    for (const name of names) {
      const month = /^counts_digest_(\d{6})$/.exec(name)?.[1];
      if (month && month >= monthOf(from) && month <= monthOf(to)) await this.partition(month).deleteMany({ day: { $gte: from, $lt: to } });
    }
  }
}
