import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { utcDay } from '../core/mention/mention-state.js';
import { LegacyMentionsRepository } from './legacy-mentions.repository.js';
import type { StoredMention } from './mention.js';
import { MentionKeysRepository } from './mention-keys.repository.js';
import { MentionsRepository } from './mentions.repository.js';
import { ReanalyzeService } from './reanalyze.service.js';
import { Runtime } from '../platform/runtime.js';

/** Collections of the layout before partitioned mentions and the counter ledger (goldenhour ≤ 0.1 databases). */
export const LEGACY_MENTION_COLLECTIONS = ['mentions', 'engagement_snapshots'];
/** Counters of that layout: derived from the mentions, so rebuilt rather than moved. */
const LEGACY_COUNTERS = /^(buckets|topic_buckets|rollup_.*)$/;
const BATCH = 500;

export interface MentionsMigration {
  /** Mentions found in the legacy collection. */
  found: number;
  /** Moved into the day partitions by this run. */
  moved: number;
  /** Already in the partitions (an earlier, interrupted run moved them). */
  already: number;
  /** Legacy collections dropped after the move was checked complete. */
  dropped: string[];
}

/**
 * Moves a database of the earlier layout (one `mentions` collection, `$inc` bucket counters, engagement
 * snapshots) into the current one: each mention into its day partition with its key claimed, then the
 * counter ledger and the negative highlights rebuilt from the partitions by the same code as
 * `goldenhour reanalyze --rebuild`. Idempotent: a re-run after a crash moves what is left and rebuilds
 * again; the legacy collections are dropped only once every mention is found in its partition.
 */
@Injectable()
export class LegacyMentionsMigration implements OnApplicationBootstrap {
  private readonly logger = new Logger(LegacyMentionsMigration.name);

  constructor(
    private readonly legacy: LegacyMentionsRepository,
    private readonly mentions: MentionsRepository,
    private readonly reanalyze: ReanalyzeService,
    private readonly runtime: Runtime,
    private readonly keys: MentionKeysRepository,
  ) {}

  /** Moves the key claims of an earlier version's single `mention_keys` into month partitions; returns how many. */
  migrateKeys(): Promise<number> {
    return this.keys.migrateLegacy();
  }

  /** A daemon on a legacy database says so once at start: its old mentions are invisible until migrated. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.runtime.scheduling) return;
    const legacy = await this.legacyCollections();
    if (legacy.length) this.logger.warn({ event: 'legacy_layout', collections: legacy, fix: 'stop the daemon and run `goldenhour migrate` once: mentions stored by an earlier version are not read until then' });
  }

  /** Names of legacy collections present in the database. */
  async legacyCollections(): Promise<string[]> {
    const names = await this.legacy.collectionNames();
    return names.filter((n) => LEGACY_MENTION_COLLECTIONS.includes(n) || LEGACY_COUNTERS.test(n)).sort();
  }

  async run(progress: (line: string) => void = () => undefined): Promise<MentionsMigration> {
    const legacy = await this.legacyCollections();
    const result: MentionsMigration = { found: 0, moved: 0, already: 0, dropped: [] };
    if (!legacy.includes('mentions')) return { ...result, dropped: await this.drop(legacy) };
    let oldest = Infinity;
    let batch: StoredMention[] = [];
    const flush = async () => {
      const r = await this.move(batch);
      result.moved += r.moved;
      result.already += r.already;
      batch = [];
      progress(`moved ${result.moved.toLocaleString('en')} mentions (${result.already.toLocaleString('en')} already moved)`);
    };
    for await (const doc of this.legacy.mentions(BATCH)) {
      result.found++;
      oldest = Math.min(oldest, doc.publishedAt.getTime());
      batch.push(doc);
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length) await flush();
    if (result.found) {
      progress('rebuilding the counter ledger and negative highlights from the moved mentions');
      await this.reanalyze.run({ since: new Date(oldest), rebuild: true });
    }
    if (result.moved + result.already !== result.found) throw new Error(`migration incomplete: ${result.found} legacy mentions, ${result.moved + result.already} in partitions; run it again`);
    result.dropped = await this.drop(legacy);
    return result;
  }

  /** Claims each mention's key and inserts its document into its day partition; a claimed key whose document is missing is completed. */
  private async move(docs: StoredMention[]): Promise<{ moved: number; already: number }> {
    const items = docs.map((doc) => ({ doc: { ...doc, rev: doc.rev ?? 1 }, day: utcDay(doc.publishedAt) }));
    const claimed = await this.mentions.claimKeys(items.map(({ doc, day }) => ({ key: doc._id, day })));
    let already = 0;
    const toInsert: typeof items = [];
    for (const item of items) {
      if (!claimed.has(item.doc._id)) {
        toInsert.push(item);
        continue;
      }
      const day = (await this.mentions.locate(item.doc._id)) ?? item.day;
      if (await this.mentions.docAt(item.doc._id, day)) already++;
      else toInsert.push({ ...item, day });
    }
    const clashed = await this.mentions.insertDocs(toInsert);
    return { moved: toInsert.length - clashed.size, already: already + clashed.size };
  }

  private async drop(names: string[]): Promise<string[]> {
    await this.legacy.drop(names);
    if (names.length) this.logger.log({ event: 'legacy_layout_dropped', collections: names });
    return names;
  }
}
