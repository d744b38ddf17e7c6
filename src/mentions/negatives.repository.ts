import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { highlightCollection, negativeHighlightOf, type NegativeHighlight } from '../core/mention/highlight.js';
import { DAY_MS, floorTo } from '../core/mention/rollup.js';
import { duplicateKeyIndexes } from '../platform/database/duplicate-keys.js';
import type { Engagement } from '../core/mention/mention-input.js';
import type { Polarity } from '../core/sentiment/types.js';
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
      const h = negativeHighlightOf(after);
      const now = h && { ...h, rev: after.rev };
      const w = before ? negativeHighlightOf(before) : null;
      const was = w && { ...w, rev: before!.rev };
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

  /**
   * Records engagement changes of negative mentions as patches (`_id: key#rev`), inserted rather than
   * updated: a re-sighting costs one insert, and the reader applies the newest patch of each highlight.
   */
  async trackEngagement(changes: readonly EngagementChange[]): Promise<void> {
    const byDay = new Map<string, EngagementPatch[]>();
    for (const c of changes) {
      if (c.polarity !== 'negative') continue;
      const name = `negatives_${c.day}`;
      (byDay.get(name) ?? byDay.set(name, []).get(name)!).push({ _id: `${c.key}#${c.rev}`, of: c.key, brand: c.brand, rev: c.rev, engagement: c.engagement.likes + c.engagement.shares + c.engagement.comments });
    }
    for (const [name, list] of byDay) {
      for (let i = 0; i < list.length; i += WRITE_CHUNK) {
        try {
          await this.connection.db!.collection<EngagementPatch>(name).insertMany(list.slice(i, i + WRITE_CHUNK), { ordered: false });
        } catch (err) {
          if (!duplicateKeyIndexes(err)) throw err; // a patch already there was written by this same change
        }
      }
    }
  }

  /** The latest `limit` negative highlights of a brand published in [from, to), newest first: newest day first, older days only while needed. */
  async latest(brand: string, from: Date, to: Date, limit: number): Promise<NegativeHighlight[]> {
    const out: NegativeHighlight[] = [];
    for (let day = floorTo(to.getTime() - 1, DAY_MS); day >= floorTo(from.getTime(), DAY_MS) && out.length < limit; day -= DAY_MS) {
      const docs = (await this.collection(highlightCollection(day)).find({ brand }).toArray()) as (NegativeHighlight | EngagementPatch)[];
      const patches = new Map<string, EngagementPatch>();
      for (const d of docs) if ('of' in d && (patches.get(d.of)?.rev ?? 0) < d.rev) patches.set(d.of, d);
      const highlights = docs
        .filter((d): d is NegativeHighlight => !('of' in d) && d.publishedAt >= from && d.publishedAt < to)
        .map((stored) => {
          // The revision is bookkeeping (which engagement patch is newer), not part of the highlight.
          const { rev = 0, ...h } = stored as NegativeHighlight & { rev?: number };
          const patch = patches.get(h._id);
          return patch && patch.rev > rev ? { ...h, engagement: patch.engagement } : h;
        })
        .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
      out.push(...highlights.slice(0, limit - out.length));
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

/** An engagement-only change of a stored mention. */
export interface EngagementChange {
  key: string;
  day: string;
  rev: number;
  brand: string;
  polarity: Polarity;
  engagement: Engagement;
  /** The engagement this revision replaced (what a story's reach counted until now). */
  previous?: Engagement;
}

interface EngagementPatch {
  _id: string;
  of: string;
  brand: string;
  rev: number;
  engagement: number;
}

const replaceOf = (h: NegativeHighlight) => ({ replaceOne: { filter: { _id: h._id }, replacement: h, upsert: true } });
