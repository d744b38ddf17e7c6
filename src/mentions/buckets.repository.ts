import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Collection, Connection } from 'mongoose';
import type { BucketPoint } from '../core/mention/bucket.js';
import type { BucketDeltas, TopicKind } from '../core/mention/contribution.js';
import {
  DAY_MS, dayKey, dayOfKey, daysOverlapping, digestibleDays, emptySums, floorTo, HOUR_MS, isEmptyPayload, mergePayloads, payloadsOf, platformRows, rollupSums, splitPayload, topicRows, topicTotals,
  type DayPayload, type LedgerPayload, type RollupSums, type TopicRow, type TopicTotal,
} from '../core/mention/ledger.js';
import { compactPartition, currentDocs, DirtyDays, type DirtyMarker } from '../platform/database/delta-ledger.js';
import { ReadMemo } from '../platform/database/read-memo.js';
import { InTurn } from '../platform/in-turn.js';
import { topicDigest, type TopicDigest } from '../core/mention/topic-digest.js';
import { LedgerDigests, TopicDigests } from './ledger-digests.js';

export type { TopicTotal } from '../core/mention/ledger.js';

/**
 * The two partition families, each a ledger of its own (deltas, summaries, compaction): `counts_YYYYMMDD`
 * holds the platform counters and the topics' hourly negatives (dashboards, brand and platform series),
 * `topics_YYYYMMDD` the topics' 5-minute counters (topic series and totals), which are most of the bytes
 * and which a dashboard therefore never reads.
 */
export type Family = 'counts' | 'topics';

/** One range of a `sumsOf` read: its brands, [from, to), and whether it keeps 5-minute points. */
export interface SumsQuery {
  brands: readonly string[];
  from: Date;
  to: Date;
  fineSlots: boolean;
}
const FAMILIES: readonly Family[] = ['counts', 'topics'];

/**
 * A document of a day partition (`counts_YYYYMMDD` or `topics_YYYYMMDD`): a delta (`d|brand|random`, what one batch changed)
 * or a summary (`s|brand|gen`, the sum of the deltas listed in `folded` and of the summaries before it).
 * `data` is the payload as one JSON string (see core/mention/ledger.ts).
 */
interface CountsDoc {
  _id: string;
  brand: string;
  kind: 'd' | 's';
  data: string;
  /** Summaries: generation (also the end of `_id`). */
  gen?: number;
  /** Summaries: JSON array of the delta ids this summary includes that were present when it was made. */
  folded?: string;
}

/** Each family's dirty markers: a day's topic digest stays usable while only its platform counters move (re-seen mentions). */
const DIRTY: Record<Family, string> = { counts: 'counts_dirty', topics: 'topics_dirty' };
/** Past this many days a range's partitions are found by listing collections rather than by naming every day. */
const LIST_BEYOND_DAYS = 400;
/** Characters of summary JSON whose parsed payloads are kept (a summary never changes, see `parse`). */
const PARSED_CACHE_CHARS = 32_000_000;
/** How long a listing of the collections serves to skip day partitions that do not exist (see storedPartitions). */
const LISTED_MS = 10_000;
/** Days whose last digest this process remembers (see compactDay). */
const DIGESTED_KEPT = 2_000;

export const partitionName = (day: number, family: Family = 'counts') => `${family}_${dayKey(day)}`;
const partitionDay = (name: string, family: Family) => (name.startsWith(`${family}_`) ? dayOfKey(name.slice(family.length + 1)) : null);

/**
 * The counter ledger's storage (see core/mention/ledger.ts), the only code that touches the
 * `counts_*` and `topics_*` collections: one per UTC day each, reached through the connection since they
 * are named by time.
 *
 * Ingest only inserts (a delta per brand and day a batch touched in each family, and a `<family>_dirty` marker per day):
 * inserts are cheap everywhere, where every `$inc` upsert on FerretDB was a find, a decode and an update.
 * `compact()` folds a day's deltas into one summary per brand. Readers take each brand's highest-generation
 * summary plus every delta it has not folded, so a read is exact whether or not, or how far, a compaction ran.
 */
@Injectable()
export class BucketsRepository {
  private readonly logger = new Logger(BucketsRepository.name);
  /** Partitions this process has declared the `{brand: 1}` index on. */
  private readonly indexed = new Set<string>();
  /** Compaction and clear never run at once in this process (a summary made before a clear would bring counters back). */
  private readonly exclusive = new InTurn();
  /** Parsed summaries, least recently used first. */
  private readonly parsed = new Map<string, { payload: LedgerPayload; chars: number }>();
  private readonly dirty: Record<Family, DirtyDays>;
  private readonly digests: LedgerDigests;
  private readonly topicDigests: TopicDigests;
  private parsedChars = 0;
  /** Family and day → the summaries (ids) of the digest this process last wrote for it, the most recent days last. */
  private readonly digested = new Map<string, string>();
  /** The collections last listed, and when (performance.now()). */
  private listed?: { names: Set<string>; at: number };

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Optional() private readonly memo: ReadMemo = new ReadMemo(),
  ) {
    const markers = (family: Family) => new DirtyDays(() => this.connection.db!.collection<DirtyMarker>(DIRTY[family]));
    this.dirty = { counts: markers('counts'), topics: markers('topics') };
    this.digests = new LedgerDigests(connection, (key, json) => this.parseSummary(key, json));
    this.topicDigests = new TopicDigests(connection);
  }

  private partition(name: string): Collection<CountsDoc> {
    return this.connection.db!.collection<CountsDoc>(name) as unknown as Collection<CountsDoc>;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    return this.exclusive.run(work);
  }

  /** Records a batch's counter changes: one delta document per brand and UTC day (in each family), then the days' dirty markers. */
  async apply(d: BucketDeltas): Promise<void> {
    const byPartition = new Map<string, CountsDoc[]>();
    const days: Record<Family, Set<string>> = { counts: new Set(), topics: new Set() };
    for (const p of payloadsOf(d)) {
      const parts = splitPayload(p.payload);
      for (const family of FAMILIES) {
        if (isEmptyPayload(parts[family])) continue;
        const name = partitionName(p.day, family);
        const list = byPartition.get(name) ?? byPartition.set(name, []).get(name)!;
        list.push({ _id: `d|${p.brand}|${randomUUID()}`, brand: p.brand, kind: 'd', data: JSON.stringify(parts[family]) });
        days[family].add(dayKey(p.day));
      }
    }
    if (!byPartition.size) return;
    for (const [name, docs] of byPartition) {
      if (!this.indexed.has(name)) {
        // every read of a partition filters by brand
        await this.partition(name).createIndex({ brand: 1 });
        this.indexed.add(name);
        this.listed?.names.add(name);
      }
      await this.partition(name).insertMany(docs, { ordered: false });
    }
    // After the deltas: a compactor that removed a marker before these inserts would not see them, but then this re-marks.
    for (const family of FAMILIES) if (days[family].size) await this.dirty[family].mark(days[family]);
  }

  /** Each brand's payloads of a family (a summary and the deltas it has not folded) in the day partitions overlapping [from, to). */
  async read(brands: readonly string[], from: Date, to: Date, family: Family = 'counts', skip?: ReadonlySet<number>): Promise<Map<string, DayPayload[]>> {
    const out = new Map<string, DayPayload[]>(brands.map((b) => [b, []]));
    if (!brands.length || from.getTime() >= to.getTime()) return out;
    for (const day of await this.days(from.getTime(), to.getTime(), family)) {
      if (skip?.has(day)) continue;
      for (const [brand, payloads] of await this.readDay(brands, day, family)) out.get(brand)?.push(...payloads);
    }
    return out;
  }

  /** Each brand's payloads of a family in one day partition. */
  private async readDay(brands: readonly string[], day: number, family: Family): Promise<Map<string, DayPayload[]>> {
    const out = new Map<string, DayPayload[]>();
    const filter = brands.length === 1 ? { brand: brands[0]! } : { brand: { $in: [...brands] } };
    const name = partitionName(day, family);
    const docs = await this.memo.read(name, JSON.stringify(filter), async () => (await this.partition(name).find(filter).toArray()) as CountsDoc[]);
    for (const [brand, chosen] of currentDocs(docs, (d) => d.brand)) out.set(brand, chosen.map((doc) => ({ day, payload: this.parse(name, doc) })));
    return out;
  }

  /**
   * A document's payload. Summaries are parsed once: a summary document never changes, and its key
   * includes `folded` (random delta ids), so a summary made again after a clear has another key.
   */
  private parse(partition: string, doc: CountsDoc): LedgerPayload {
    if (doc.kind !== 's') return JSON.parse(doc.data) as LedgerPayload;
    return this.parseSummary(`${partition}|${doc._id}|${doc.folded}`, doc.data);
  }

  /** A payload that never changes under `key`, parsed once (summaries and digests). */
  private parseSummary(key: string, data: string): LedgerPayload {
    const hit = this.parsed.get(key);
    if (hit) {
      this.parsed.delete(key);
      this.parsed.set(key, hit);
      return hit.payload;
    }
    const payload = JSON.parse(data) as LedgerPayload;
    this.parsed.set(key, { payload, chars: data.length });
    this.parsedChars += data.length;
    for (const [k, v] of this.parsed) {
      if (this.parsedChars <= PARSED_CACHE_CHARS) break;
      this.parsed.delete(k);
      this.parsedChars -= v.chars;
    }
    return payload;
  }

  /**
   * The brands' topic digests of the days among `days` that have one and no dirty marker (nothing unfolded since):
   * day → brand → digest, a brand absent had no topics that day (see core/mention/topic-digest.ts).
   */
  async topicDigestsOf(brands: readonly string[], days: readonly number[]): Promise<Map<number, Map<string, TopicDigest>>> {
    const dirty = days.length ? await this.dirty.topics.dirtyDays() : new Set<string>();
    const clean = days.filter((day) => !dirty.has(dayKey(day)));
    return clean.length ? this.topicDigests.read(brands, clean) : new Map();
  }

  /** Days of the stored partitions overlapping [from, to). */
  private async days(from: number, to: number, family: Family): Promise<number[]> {
    if ((to - from) / DAY_MS <= LIST_BEYOND_DAYS) return daysOverlapping(from, to);
    const first = floorTo(from, DAY_MS);
    const names = await this.connection.db!.listCollections({}, { nameOnly: true }).toArray();
    return names.map((c) => partitionDay(c.name, family)).filter((d): d is number => d !== null && d >= first && d < to).sort((a, b) => a - b);
  }

  private async one(brand: string, from: Date, to: Date, family: Family): Promise<DayPayload[]> {
    return (await this.read([brand], from, to, family)).get(brand)!;
  }

  /** A brand's counters per platform and 5-minute bucket starting in [from, to) (all platforms, or one). */
  async range(brand: string, from: Date, to: Date, platform?: string): Promise<(BucketPoint & { platform: string })[]> {
    return platformRows(await this.one(brand, from, to, 'counts'), from.getTime(), to.getTime(), platform);
  }

  /** A brand's topic counters per 5-minute bucket starting in [from, to), optionally one kind or one topic. */
  async topicRange(brand: string, from: Date, to: Date, opts: { kind?: TopicKind; topic?: string } = {}): Promise<TopicRow[]> {
    return topicRows(await this.one(brand, from, to, 'topics'), from.getTime(), to.getTime(), opts);
  }

  /** Totals per topic over a range. */
  async topicTotals(brand: string, from: Date, to: Date, kind?: TopicKind): Promise<TopicTotal[]> {
    return topicTotals(await this.one(brand, from, to, 'topics'), from.getTime(), to.getTime(), kind);
  }

  /**
   * What each brand's counters add up to over [from, to), read at whole hours (see core rollupSums):
   * 5-minute points with `fineSlots`, otherwise hourly points over whole UTC days.
   */
  async sums(brands: readonly string[], from: Date, to: Date, opts: { fineSlots: boolean }): Promise<Map<string, RollupSums>> {
    return (await this.sumsOf([{ brands, from, to, fineSlots: opts.fineSlots }]))[0]!;
  }

  /**
   * `sums` of several ranges for one computation (a dashboard's period and the one before it): each day partition,
   * digest month and the dirty markers read once for all of them, for the union of their brands; each range then
   * sums exactly the days and digests `sums` alone would give it.
   */
  async sumsOf(queries: readonly SumsQuery[]): Promise<Map<string, RollupSums>[]> {
    const union = [...new Set(queries.flatMap((q) => q.brands))];
    const ranges = queries.map((q) => ({ q, start: floorTo(q.from.getTime(), HOUR_MS), end: floorTo(q.to.getTime() + HOUR_MS - 1, HOUR_MS) }));
    const whole = ranges.map((r) => digestibleDays(r.start, r.q.to.getTime(), r.q.fineSlots));
    const wanted = [...new Set(whole.flat())];
    // Days before the history (a period compared with the one before it) hold no partition: not read one by one.
    const stored = await this.storedPartitions();
    const days = new Map<number, Promise<Map<string, DayPayload[]>>>();
    const start = (day: number) => {
      const read = this.readDay(union, day, 'counts');
      read.catch(() => undefined); // awaited below; a failure before then must not go unhandled
      days.set(day, read);
    };
    // The days no digest can give (partly in a range) are read at once, beside the marker and digest reads.
    for (const r of ranges) for (const day of daysOverlapping(r.start, r.end)) if (!wanted.includes(day) && stored.has(partitionName(day)) && !days.has(day)) start(day);
    const dirty = wanted.length ? await this.dirty.counts.dirtyDays() : new Set<string>();
    const clean = wanted.filter((day) => !dirty.has(dayKey(day)));
    const digested = clean.length ? await this.digests.read(union, clean) : new Map<number, Map<string, LedgerPayload>>();
    const partitionDays = ranges.map((r, i) => {
      const mine = daysOverlapping(r.start, r.end).filter((day) => stored.has(partitionName(day)) && !(whole[i]!.includes(day) && digested.has(day)));
      for (const day of mine) if (!days.has(day)) start(day);
      return mine;
    });
    return Promise.all(
      ranges.map(async (r, i) => {
        const payloads = new Map<string, DayPayload[]>(r.q.brands.map((b) => [b, []]));
        for (const day of partitionDays[i]!) for (const [brand, list] of await days.get(day)!) payloads.get(brand)?.push(...list);
        for (const day of whole[i]!) for (const [brand, payload] of digested.get(day) ?? []) payloads.get(brand)?.push({ day, payload });
        const opts = { fineSlots: r.q.fineSlots };
        return new Map(r.q.brands.map((b) => [b, payloads.get(b)!.length ? rollupSums(payloads.get(b)!, r.q.from.getTime(), r.q.to.getTime(), opts) : emptySums()]));
      }),
    );
  }

  /**
   * The names of the collections, listed at most every {@link LISTED_MS}, with the partitions this process created
   * since: a dashboard may miss for that long a day partition another daemon just created (a first mention of a day).
   */
  private async storedPartitions(): Promise<Set<string>> {
    const now = performance.now();
    if (!this.listed || now - this.listed.at > LISTED_MS) {
      const names = await this.connection.db!.listCollections({}, { nameOnly: true }).toArray();
      this.listed = { names: new Set(names.map((c) => c.name)), at: now };
    }
    return this.listed.names;
  }

  /**
   * Folds the deltas of every day partition marked dirty (each family has its markers) into one summary per brand.
   * A day's marker is removed before its partition is read, so deltas written meanwhile mark it again. Returns the
   * days compacted (in either family).
   */
  compact(): Promise<number> {
    return this.serially(async () => {
      const compacted = new Set<number>();
      for (const family of FAMILIES) {
        await this.dirty[family].foldEach(async (key) => {
          const day = dayOfKey(key);
          if (day === null) return;
          await this.compactDay(day, family);
          compacted.add(day);
        });
      }
      return compacted.size;
    });
  }

  /**
   * Folds one day partition: per brand, a summary of generation gen+1, then removes what it replaced. The summaries
   * are then written as the day's digest of their family; when another compactor won a brand, the day is marked
   * again instead (its digest is made by the next fold).
   */
  async compactDay(day: number, family: Family = 'counts'): Promise<void> {
    const summaries = new Map<string, LedgerPayload>();
    const summaryIds: string[] = [];
    const name = partitionName(day, family);
    const lost = await compactPartition(
      this.partition(name),
      (d) => d.brand,
      (brand, gen, include, folded) => ({ _id: `s|${brand}|${gen}`, brand, kind: 's', gen, data: JSON.stringify(mergePayloads(include.map((d) => JSON.parse(d.data) as LedgerPayload))), folded: JSON.stringify(folded) }),
      (brand, summary) => {
        summaries.set(brand, this.parse(name, summary));
        summaryIds.push(summary._id);
      },
    );
    for (const brand of lost) this.logger.debug({ event: 'ledger_compaction_lost', day: dayKey(day), family, brand });
    if (lost.length) return this.dirty[family].markAgain(dayKey(day));
    await this.digest(day, family, summaries, summaryIds);
  }

  /** Writes a day's digest from the summaries just folded, unless this process wrote it from those very summaries. */
  private async digest(day: number, family: Family, summaries: ReadonlyMap<string, LedgerPayload>, summaryIds: readonly string[]): Promise<void> {
    // The summaries this process last digested for the day, unchanged: that digest is still exact.
    const key = `${family}|${dayKey(day)}`;
    const folded = [...summaryIds].sort().join(' ');
    if (this.digested.get(key) === folded) return;
    const written = family === 'counts' ? await this.digests.write(day, summaries) : await this.topicDigests.write(day, new Map([...summaries].map(([brand, p]) => [brand, topicDigest(p)])));
    if (!written) return this.dirty[family].markAgain(dayKey(day));
    this.digested.delete(key);
    this.digested.set(key, folded);
    if (this.digested.size > DIGESTED_KEPT) this.digested.delete(this.digested.keys().next().value!);
  }

  /**
   * Folds, and so digests, every day partition of either family that has no digest yet (counters written by a
   * goldenhour before digests, topics before topic digests: `goldenhour migrate`): returns the partitions digested.
   */
  digestMissingDays(): Promise<number> {
    return this.serially(async () => {
      let digested = 0;
      for (const family of FAMILIES) {
        const days = (await this.days(0, 8.64e15, family)).map(dayKey);
        const done = await (family === 'counts' ? this.digests : this.topicDigests).complete(days);
        for (const key of days.filter((d) => !done.has(d))) {
          await this.compactDay(dayOfKey(key)!, family);
          digested++;
        }
      }
      return digested;
    });
  }

  /**
   * Removes a brand's counters (or every brand's) before they are rebuilt from the mentions: the whole
   * UTC days overlapping [from, to). Returns that range: the rebuild must recount all of it.
   */
  clear(from: Date, to: Date, brand?: string): Promise<{ from: Date; to: Date }> {
    return this.serially(async () => {
      const start = floorTo(from.getTime(), DAY_MS);
      const end = Math.min(floorTo(to.getTime() + DAY_MS - 1, DAY_MS), 8.64e15);
      this.digested.clear();
      await this.clearDigests(start, end);
      for (const family of FAMILIES) {
        for (const day of await this.days(start, end, family)) await this.partition(partitionName(day, family)).deleteMany(brand ? { brand } : {});
      }
      // again: a digest another daemon's fold wrote meanwhile would bring the cleared counters back
      await this.clearDigests(start, end);
      return { from: new Date(start), to: new Date(end) };
    });
  }

  private async clearDigests(start: number, end: number): Promise<void> {
    await this.digests.clear(start, end);
    await this.topicDigests.clear(start, end);
  }
}
