import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { highlightCollection, negativeHighlightOf, type NegativeHighlight } from '../core/mention/highlight.js';
import { DAY_MS, floorTo } from '../core/mention/rollup.js';
import { duplicateKeyIndexes } from '../platform/database/duplicate-keys.js';
import type { StoredMention } from './mention.js';

const WRITE_CHUNK = 50;

/**
 * The only code that touches the negative-highlight collections (one per UTC day of publication, see
 * core/mention/highlight.ts): kept in step with every mention write, read by the dashboard.
 */
@Injectable()
export class NegativesRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private collection(name: string) {
    return this.connection.db!.collection<NegativeHighlight>(name);
  }

  /** Keeps the highlights in step with mention writes: each pair is (what was stored before or null, what is stored now). */
  async track(changes: readonly { before: StoredMention | null; after: StoredMention }[]): Promise<void> {
    const ops = new Map<string, object[]>();
    const push = (name: string, op: object) => (ops.get(name) ?? ops.set(name, []).get(name)!).push(op);
    for (const { before, after } of changes) {
      const now = negativeHighlightOf(after);
      const was = before ? negativeHighlightOf(before) : null;
      if (was && (!now || highlightCollection(was.publishedAt) !== highlightCollection(now.publishedAt))) push(highlightCollection(was.publishedAt), { deleteOne: { filter: { _id: was._id } } });
      if (!now || (was && JSON.stringify(was) === JSON.stringify(now))) continue;
      // A new one is inserted (the unique _id index answers without a read); an update replaces.
      push(highlightCollection(now.publishedAt), was || before ? replaceOf(now) : { insertOne: { document: now } });
    }
    for (const [name, list] of ops) {
      for (let i = 0; i < list.length; i += WRITE_CHUNK) {
        const chunk = list.slice(i, i + WRITE_CHUNK);
        try {
          await this.collection(name).bulkWrite(chunk as never[], { ordered: false });
        } catch (err) {
          // Already there (a mention re-counted by a rebuild, or a racing writer): replace those instead.
          const clashed = duplicateKeyIndexes(err);
          if (!clashed) throw err;
          await this.collection(name).bulkWrite(clashed.map((k) => replaceOf((chunk[k] as { insertOne: { document: NegativeHighlight } }).insertOne.document)) as never[], { ordered: false });
        }
      }
    }
  }

  /** The latest `limit` negative highlights of a brand published in [from, to), newest first: newest day first, older days only while needed. */
  async latest(brand: string, from: Date, to: Date, limit: number): Promise<NegativeHighlight[]> {
    const out: NegativeHighlight[] = [];
    for (let day = floorTo(to.getTime() - 1, DAY_MS); day >= floorTo(from.getTime(), DAY_MS) && out.length < limit; day -= DAY_MS) {
      const docs = await this.collection(highlightCollection(day))
        .find({ brand, publishedAt: { $gte: from, $lt: to } })
        .sort({ publishedAt: -1 })
        .limit(limit - out.length)
        .toArray();
      out.push(...(docs as NegativeHighlight[]));
    }
    return out;
  }

  /** Removes highlights published in [from, to) (one brand's, or all) before a rebuild. */
  async clear(from: Date, to: Date, brand?: string): Promise<void> {
    const filter = { publishedAt: { $gte: from, $lt: to }, ...(brand ? { brand } : {}) };
    for (const c of await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
      const m = /^negatives_(\d{4})(\d{2})(\d{2})$/.exec(c.name);
      if (!m) continue;
      const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      if (day < to.getTime() && day + DAY_MS > from.getTime()) await this.collection(c.name).deleteMany(filter);
    }
  }
}

const replaceOf = (h: NegativeHighlight) => ({ replaceOne: { filter: { _id: h._id }, replacement: h, upsert: true } });
