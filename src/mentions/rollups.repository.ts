import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { BucketDeltas } from '../core/mention/contribution.js';
import { addRollup, DAY_MS, emptySums, floorTo, HOUR_MS, rollupCollection, rollupCover, rollupWrites, type RollupDoc, type RollupLevel, type RollupSums } from '../core/mention/rollup.js';

const WRITE_CHUNK = 50;

/**
 * The only code that touches the rollup collections (hour and day documents in time-partitioned
 * collections, see core/mention/rollup.ts). Collections are named by time, so they are reached through
 * the connection rather than a fixed model.
 */
@Injectable()
export class RollupsRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private collection(name: string) {
    return this.connection.db!.collection<RollupDoc>(name);
  }

  async apply(d: BucketDeltas): Promise<void> {
    const byCollection = new Map<string, ReturnType<typeof rollupWrites>>();
    for (const w of rollupWrites(d)) {
      const list = byCollection.get(w.collection) ?? byCollection.set(w.collection, []).get(w.collection)!;
      list.push(w);
    }
    for (const [name, writes] of byCollection) {
      const ops = writes.map((w) => ({ updateOne: { filter: { _id: w.id }, update: { $inc: w.inc, $setOnInsert: { brand: w.brand, start: new Date(w.start) } }, upsert: true } }));
      // Chunks of 50 for the same reason as the 5-minute buckets (FerretDB stalls on larger update commands).
      for (let i = 0; i < ops.length; i += WRITE_CHUNK) await this.collection(name).bulkWrite(ops.slice(i, i + WRITE_CHUNK), { ordered: false });
    }
  }

  /**
   * Sums of each brand's rollups over [from, to), read at whole hours (from is floored to the hour).
   * `fineSlots` keeps 5-minute slots for the whole range (hour documents only); otherwise whole UTC days
   * come from day documents with hour slots.
   */
  async sums(brands: readonly string[], from: Date, to: Date, opts: { fineSlots: boolean }): Promise<Map<string, RollupSums>> {
    const out = new Map(brands.map((b) => [b, emptySums()]));
    const reads = new Map<string, { level: RollupLevel; from: number; to: number }>();
    for (const unit of rollupCover(from.getTime(), to.getTime(), opts)) {
      const name = rollupCollection(unit.level, unit.start);
      const end = unit.start + (unit.level === 'hour' ? HOUR_MS : DAY_MS);
      const r = reads.get(name);
      if (r) r.to = end;
      else reads.set(name, { level: unit.level, from: unit.start, to: end });
    }
    for (const [name, r] of reads) {
      const docs = await this.collection(name)
        .find({ brand: { $in: [...brands] }, start: { $gte: new Date(r.from), $lt: new Date(r.to) } })
        .toArray();
      for (const doc of docs) addRollup(out.get(doc.brand)!, doc as RollupDoc, r.level);
    }
    return out;
  }

  /**
   * Removes the rollups of the whole UTC days overlapping [from, to) (one brand's, or all) before a
   * rebuild; returns that widened range, which the rebuild must then recount in full.
   */
  async clear(from: Date, to: Date, brand?: string): Promise<{ from: Date; to: Date }> {
    const start = floorTo(from.getTime(), DAY_MS);
    const end = Math.min(floorTo(to.getTime() + DAY_MS - 1, DAY_MS), 8.64e15);
    const filter = { start: { $gte: new Date(start), $lt: new Date(end) }, ...(brand ? { brand } : {}) };
    for (const c of await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
      const span = partitionSpan(c.name);
      if (span && span.from < end && span.to > start) await this.collection(c.name).deleteMany(filter);
    }
    return { from: new Date(start), to: new Date(end) };
  }
}

/** The time a rollup collection covers, from its name (null for other collections). */
function partitionSpan(name: string): { from: number; to: number } | null {
  const m = /^rollup_(hours|days)_(\d{4})(\d{2})(\d{2})?$/.exec(name);
  if (!m) return null;
  const [year, month] = [Number(m[2]), Number(m[3]) - 1];
  if (m[1] === 'hours' && m[4]) {
    const from = Date.UTC(year, month, Number(m[4]));
    return { from, to: from + DAY_MS };
  }
  return m[1] === 'days' && !m[4] ? { from: Date.UTC(year, month, 1), to: Date.UTC(year, month + 1, 1) } : null;
}
