import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Connection, mongo } from 'mongoose';
import { dayKey, daysOverlapping } from '../core/mention/ledger.js';
import { mergeSourceCounts, negatedSourceCounts, sourceCountsOf, type DaySourceCounts, type SourceRuns } from '../core/mention/source-counts.js';
import { compactPartition, currentDocs, DirtyDays, type DeltaDoc } from '../platform/database/delta-ledger.js';
import { dropCounted } from '../platform/database/drop-counted.js';
import { insertKeepingFirst } from '../platform/database/duplicate-keys.js';
import { PartitionIndexes } from '../platform/database/partition-indexes.js';

/**
 * A document of `sources_YYYYMMDD`: what one batch added to a brand's source counts of that day, or their
 * summary, as JSON text: source names are the keys, and a name may hold '.' or '$' (an import's file name,
 * `import:a.jsonl`), which a database refuses in field names.
 */
interface SourceCountsDoc extends DeltaDoc {
  brand: string;
  data: string;
}

/** What source counting reads of a mention. */
export type CountedMention = { brand: string; source?: string; publishedAt: Date };

const countsOf = (d: SourceCountsDoc) => JSON.parse(d.data) as SourceRuns;

const DIRTY = 'sources_dirty';

/**
 * New mentions per brand, source and hour (core/mention/source-counts.ts), the only code that touches
 * `sources_YYYYMMDD`: a ledger like the counters' (platform/database/delta-ledger.ts) — each ingest batch
 * inserts one delta per brand and day it brought, the ledger compaction folds them, readers read the days
 * of the range they serve and nothing older.
 */
@Injectable()
export class SourceCountsRepository {
  private readonly partitions = new PartitionIndexes(() => this.connection.db!);
  private readonly dirty = new DirtyDays(() => this.col<{ _id: string }>(DIRTY));

  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col<T extends mongo.Document>(name: string) {
    return this.connection.db!.collection<T>(name);
  }

  private partition(day: string) {
    // Served on MongoDB: one brand's documents of a day (the cause summary's read).
    return this.partitions.collection<SourceCountsDoc>(`sources_${day}`, { brand: 1 });
  }

  /**
   * Counts a batch's new mentions by source: one insert per day it touched, then the days' dirty markers.
   * With a `tag` the deltas are named by it (`d|brand|tag`), so doing it again adds nothing (a backfill run twice).
   */
  async add(mentions: readonly CountedMention[], tag?: string): Promise<void> {
    await this.insert(sourceCountsOf(mentions).map((p) => ({ ...p, tag: tag ?? randomUUID() })));
  }

  /** Takes erased mentions out of the counts: one delta each, named by the mention, so an erasure run again subtracts nothing more. */
  async subtract(mentions: readonly (CountedMention & { _id: string })[]): Promise<void> {
    await this.insert(mentions.flatMap((m) => sourceCountsOf([m]).map((p) => ({ ...p, counts: negatedSourceCounts(p.counts), tag: `erased:${m._id}` }))));
  }

  /** The days that have source counts. */
  async days(): Promise<string[]> {
    const names = await this.connection.db!.listCollections({}, { nameOnly: true }).toArray();
    return names.map((c) => /^sources_(\d{8})$/.exec(c.name)?.[1]).filter((d): d is string => !!d);
  }

  /** Drops a day's source counts (retention: they go with the mentions they count). Returns the documents it held. */
  drop(day: string): Promise<number> {
    return dropCounted(this.connection.db!, `sources_${day}`);
  }

  private async insert(payloads: readonly { brand: string; day: number; counts: SourceRuns; tag: string }[]): Promise<void> {
    const byDay = new Map<string, SourceCountsDoc[]>();
    for (const p of payloads) {
      const day = dayKey(p.day);
      (byDay.get(day) ?? byDay.set(day, []).get(day)!).push({ _id: `d|${p.brand}|${p.tag}`, brand: p.brand, kind: 'd', data: JSON.stringify(p.counts) });
    }
    for (const [day, docs] of byDay) await insertKeepingFirst(this.partition(day), docs);
    await this.dirty.mark(byDay.keys());
  }

  /** A brand's source counts of the UTC days overlapping [from, to). */
  async ofRange(brand: string, from: number, to: number): Promise<DaySourceCounts[]> {
    const out: DaySourceCounts[] = [];
    for (const day of daysOverlapping(from, to)) {
      const docs = (await this.partition(dayKey(day)).find({ brand }).toArray()) as SourceCountsDoc[];
      const mine = currentDocs(docs, (d) => d.brand).get(brand);
      if (mine) out.push({ day, counts: mergeSourceCounts(mine.map(countsOf)) });
    }
    return out;
  }

  /** Folds the deltas of every day a batch marked. Returns the days compacted. */
  async compact(): Promise<number> {
    return this.dirty.foldEach(async (day) => {
      await compactPartition(this.partition(day), (d) => d.brand, (brand, gen, include, folded) => ({
        _id: `s|${brand}|${gen}`, brand, kind: 's', gen, folded: JSON.stringify(folded), data: JSON.stringify(mergeSourceCounts(include.map(countsOf))),
      }));
    });
  }
}
