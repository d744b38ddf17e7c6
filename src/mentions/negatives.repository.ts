import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { HIGHLIGHT_BLOCK_MS, highlightCollection, highlightSpan, isEarlierLayout, negativeHighlightOf, type NegativeHighlight } from '../core/mention/highlight.js';
import { floorTo } from '../core/mention/rollup.js';
import { duplicateKeyIndexes, insertKeepingFirst } from '../platform/database/duplicate-keys.js';
import type { Engagement } from '../core/mention/mention-input.js';
import type { Polarity } from '../core/sentiment/types.js';
import type { StoredMention } from './mention.js';

const WRITE_CHUNK = 50;
/** A brand's blocks (a day's) read one by one before the reader lists which older blocks exist (a brand with few negatives over 30 days). */
const BLOCKS_UNLISTED = 4;

/**
 * The only code that touches the negative-highlight collections (one per brand and 6-hour UTC block of publication,
 * see core/mention/highlight.ts): kept in step with every mention write, read by the dashboard.
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
      if (was && (!now || highlightCollection(was.brand, was.publishedAt) !== highlightCollection(now.brand, now.publishedAt))) push(highlightCollection(was.brand, was.publishedAt), { deleteOne: { filter: { _id: was._id } } });
      if (!now || (was && JSON.stringify(was) === JSON.stringify(now))) continue;
      // A new one is inserted (the unique _id index answers without a read); an update replaces.
      push(highlightCollection(now.brand, now.publishedAt), was || before ? replaceOf(now) : { insertOne: { document: now } });
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
    const byBlock = new Map<string, EngagementPatch[]>();
    for (const c of changes) {
      if (c.polarity !== 'negative') continue;
      const name = highlightCollection(c.brand, c.bucket);
      (byBlock.get(name) ?? byBlock.set(name, []).get(name)!).push({ _id: `${c.key}#${c.rev}`, of: c.key, brand: c.brand, rev: c.rev, engagement: c.engagement.likes + c.engagement.shares + c.engagement.comments });
    }
    for (const [name, list] of byBlock) {
      for (let i = 0; i < list.length; i += WRITE_CHUNK) {
        try {
          await this.connection.db!.collection<EngagementPatch>(name).insertMany(list.slice(i, i + WRITE_CHUNK), { ordered: false });
        } catch (err) {
          if (!duplicateKeyIndexes(err)) throw err; // a patch already there was written by this same change
        }
      }
    }
  }

  /** The latest `limit` negative highlights of a brand published in [from, to), newest first: the brand's newest block first, older blocks only while needed. */
  async latest(brand: string, from: Date, to: Date, limit: number): Promise<NegativeHighlight[]> {
    const out: NegativeHighlight[] = [];
    let stored: Set<string> | null = null;
    for (let block = floorTo(to.getTime() - 1, HIGHLIGHT_BLOCK_MS), n = 0; block >= floorTo(from.getTime(), HIGHLIGHT_BLOCK_MS) && out.length < limit; block -= HIGHLIGHT_BLOCK_MS, n++) {
      const name = highlightCollection(brand, block);
      // Past the first day, read only blocks that exist (listed now: a partition just created elsewhere is not missed).
      if (n === BLOCKS_UNLISTED) stored = await this.names();
      if (stored && !stored.has(name)) continue;
      const docs = (await this.collection(name).find({}).toArray()) as (NegativeHighlight | EngagementPatch)[];
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
      const span = highlightSpan(name)!;
      const ofBrand = !brand || span.brand === undefined || span.brand === brand;
      if (ofBrand && span.start < to.getTime() && span.end > from.getTime()) await this.collection(name).deleteMany(filter);
    }
  }

  /**
   * Regroups the highlight collections of the layouts before brand blocks (blocks of all brands; whole days; single
   * hours) into the blocks of their brands, then
   * drops each: insert first (one already in its block, written since, is newer and kept), drop last, so a re-run after
   * a crash finishes the job. An engagement patch goes with its highlight (one without it was never read). Returns the
   * collections regrouped.
   */
  async regroupEarlierLayouts(): Promise<number> {
    let regrouped = 0;
    for (const name of [...(await this.names())].filter(isEarlierLayout).sort()) {
      const docs = (await this.collection(name).find({}).toArray()) as (NegativeHighlight | EngagementPatch)[];
      const blockOf = new Map(docs.flatMap((d) => ('of' in d ? [] : [[d._id, highlightCollection(d.brand, d.publishedAt)] as const])));
      const byBlock = new Map<string, (NegativeHighlight | EngagementPatch)[]>();
      for (const d of docs) {
        const block = blockOf.get('of' in d ? d.of : d._id);
        if (block) (byBlock.get(block) ?? byBlock.set(block, []).get(block)!).push(d);
      }
      for (const [block, list] of byBlock) await insertKeepingFirst(this.connection.db!.collection<NegativeHighlight | EngagementPatch>(block), list);
      await this.connection.db!.dropCollection(name);
      regrouped++;
    }
    return regrouped;
  }

  /** The highlight collections that exist (brand blocks, and blocks, hours or days of the layouts before). */
  private async names(): Promise<Set<string>> {
    const listed = await this.connection.db!.listCollections({ name: { $regex: '^negatives_' } }, { nameOnly: true }).toArray();
    return new Set(listed.map((c) => c.name).filter((n) => highlightSpan(n) !== null));
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
  /** 5-minute bucket the mention is counted in (in its hour of publication, whose block names its highlight's collection). */
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
