import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { highlightCollection, highlightDay, isDayHighlights, negativeHighlightOf, type NegativeHighlight } from '../core/mention/highlight.js';
import { floorTo, HOUR_MS } from '../core/mention/rollup.js';
import { duplicateKeyIndexes, insertKeepingFirst } from '../platform/database/duplicate-keys.js';
import type { Engagement } from '../core/mention/mention-input.js';
import type { Polarity } from '../core/sentiment/types.js';
import type { StoredMention } from './mention.js';

const WRITE_CHUNK = 50;
/** Hours read one by one before the reader lists which older hours exist (a brand with few negatives over 30 days). */
const HOURS_UNLISTED = 24;

/**
 * The only code that touches the negative-highlight collections (one per UTC hour of publication, see
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
      const name = highlightCollection(c.bucket);
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

  /** The latest `limit` negative highlights of a brand published in [from, to), newest first: newest hour first, older hours only while needed. */
  async latest(brand: string, from: Date, to: Date, limit: number): Promise<NegativeHighlight[]> {
    const out: NegativeHighlight[] = [];
    let stored: Set<string> | null = null;
    for (let hour = floorTo(to.getTime() - 1, HOUR_MS), n = 0; hour >= floorTo(from.getTime(), HOUR_MS) && out.length < limit; hour -= HOUR_MS, n++) {
      const name = highlightCollection(hour);
      // Past the first day, read only hours that exist (listed now: a partition just created elsewhere is not missed).
      if (n === HOURS_UNLISTED) stored = await this.names();
      if (stored && !stored.has(name)) continue;
      const docs = (await this.collection(name).find({ brand }).toArray()) as (NegativeHighlight | EngagementPatch)[];
      const patches = new Map<string, EngagementPatch>();
      for (const d of docs) if ('of' in d && (patches.get(d.of)?.rev ?? 0) < d.rev) patches.set(d.of, d);
      const highlights = docs
        .filter((d): d is NegativeHighlight => !('of' in d) && d.publishedAt >= from && d.publishedAt < to)
        .map((kept) => {
          // The revision is bookkeeping (which engagement patch is newer), not part of the highlight.
          const { rev = 0, ...h } = kept as NegativeHighlight & { rev?: number };
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
    for (const name of await this.names()) {
      const day = highlightDay(name)!;
      const start = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)), isDayHighlights(name) ? 0 : Number(name.slice(-2)));
      if (start < to.getTime() && start + (isDayHighlights(name) ? 24 : 1) * HOUR_MS > from.getTime()) await this.collection(name).deleteMany(filter);
    }
  }

  /**
   * Splits the highlight collections of whole days (the layout before hours) into their hours, then drops each day's:
   * insert first (one already in its hour, written since, is newer and kept), drop last, so a re-run after a crash
   * finishes the job. An engagement patch goes with its highlight (one without it was never read). Returns the days split.
   */
  async splitDays(): Promise<number> {
    let split = 0;
    for (const name of [...(await this.names())].filter(isDayHighlights).sort()) {
      const docs = (await this.collection(name).find({}).toArray()) as (NegativeHighlight | EngagementPatch)[];
      const hourOf = new Map(docs.flatMap((d) => ('of' in d ? [] : [[d._id, highlightCollection(d.publishedAt)] as const])));
      const byHour = new Map<string, (NegativeHighlight | EngagementPatch)[]>();
      for (const d of docs) {
        const hour = hourOf.get('of' in d ? d.of : d._id);
        if (hour) (byHour.get(hour) ?? byHour.set(hour, []).get(hour)!).push(d);
      }
      for (const [hour, list] of byHour) await insertKeepingFirst(this.connection.db!.collection<NegativeHighlight | EngagementPatch>(hour), list);
      await this.connection.db!.dropCollection(name);
      split++;
    }
    return split;
  }

  /** The highlight collections that exist (hours, and days of the layout before hours). */
  private async names(): Promise<Set<string>> {
    const listed = await this.connection.db!.listCollections({ name: { $regex: '^negatives_' } }, { nameOnly: true }).toArray();
    return new Set(listed.map((c) => c.name).filter((n) => highlightDay(n) !== null));
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
  /** 5-minute bucket the mention is counted in (in its hour of publication, which names its highlight's collection). */
  bucket: number;
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
