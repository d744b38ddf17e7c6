import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { hash } from 'node:crypto';
import { engagementTuple, type JournalEntry } from '../core/mention/journal.js';
import { KnownTable, type KnownMention } from '../core/mention/known-table.js';
import { contentSignature, dayStart } from '../core/mention/mention-state.js';
import { DAY_MS } from '../core/mention/rollup.js';
import { Clock } from '../platform/clock.js';
import { Readiness } from '../platform/health/readiness.js';
import { Runtime } from '../platform/runtime.js';
import type { StoredMention } from './mention.js';
import { MentionsRepository } from './mentions.repository.js';

export type { KnownMention } from '../core/mention/known-table.js';

/** Mentions kept at most (about 70 bytes each outside the heap, plus the key); the least recently seen go first. */
const CAPACITY = 1_500_000;
/** How far back the cache is refilled after a start (from the journal, and from the day partitions of days it no longer covers). */
export const WARM_DAYS = 35;

/**
 * A bounded, least-recently-used cache of mention states. Not the truth: every change is guarded by the
 * insert of its revision record, so a stale entry (another daemon changed the mention) costs one clash and
 * a re-read, never a wrong count. Filled at start, in the background: from the journal, and for the days of
 * the last WARM_DAYS that the journal no longer covers (it is kept `privacy.engagementDays`, 30 by default)
 * from their mention and revision partitions, so a re-sighting in those days does not read its document
 * (on the embedded database a read by `_id` scans the day partition: seconds at a million mentions).
 */
@Injectable()
export class MentionStates implements OnApplicationBootstrap {
  private readonly logger = new Logger(MentionStates.name);
  private readonly map = new KnownTable(CAPACITY);
  private warming: Promise<void> | null = null;

  constructor(
    private readonly repo: MentionsRepository,
    private readonly clock: Clock,
    private readonly readiness: Readiness,
    private readonly runtime: Runtime,
  ) {}

  /**
   * A daemon refills it at start in the background, newest hours first (the mentions most likely seen again).
   * `/readyz` does not wait for it: at a million stored mentions the refill reads 35 days of journal, far
   * longer than a start may take, and ingest meanwhile works, reading what it does not know (a re-sighting
   * costs a read instead of none). (Tests and replay start empty.)
   */
  onApplicationBootstrap(): void {
    if (this.runtime.scheduling) this.readiness.trackInBackground('mention cache', this.warm());
  }

  get(key: string): KnownMention | undefined {
    return this.map.get(key);
  }

  set(key: string, v: KnownMention): void {
    this.map.set(key, v);
  }

  forget(key: string): void {
    this.map.delete(key);
  }

  /** Forgets everything (a test's clean slate, or after the collections were dropped). */
  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }

  /** Refills the cache from the journal of the last days; entries written meanwhile win over older journal ones. */
  warm(): Promise<void> {
    this.warming ??= this.fill().catch((err) => {
      this.logger.warn({ event: 'mention_cache_warm_failed', error: (err as Error).message });
    });
    return this.warming;
  }

  private async fill(): Promise<void> {
    const started = performance.now();
    const now = this.clock.now().getTime();
    const from = now - WARM_DAYS * DAY_MS;
    let entries = 0;
    // Engagement changes met before their mention's content (read newest first), the newest per key.
    const later = new Map<string, JournalEntry>();
    // Only the hours that have a journal collection: one listing instead of a query per hour.
    const hours = await this.repo.journalHours(from - DAY_MS, now + 3_600_000);
    for (const hour of [...hours].reverse()) {
      const list = await this.repo.journal(new Date(hour), new Date(hour + 3_600_000));
      entries += list.length;
      for (const e of list) this.learn(e, later);
    }
    // The days before the oldest journal hour, newest first.
    const covered = hours[0] ?? now;
    let documents = 0;
    if (covered > from) {
      for (const day of (await this.repo.partitionDays('mentions_')).filter((d) => dayStart(d) + DAY_MS > from && dayStart(d) <= covered).reverse()) documents += await this.learnDay(day, later);
    }
    this.logger.log({ event: 'mention_cache_warm', entries, documents, mentions: this.map.size, ms: Math.round(performance.now() - started) });
  }

  /** The mentions of a day partition with their latest revision (or a newer journal entry); entries written meanwhile win. */
  private async learnDay(day: string, later: Map<string, JournalEntry>): Promise<number> {
    const revs = await this.repo.latestRevisions(day);
    let n = 0;
    for await (const doc of this.repo.dayDocs(day)) {
      n++;
      let k = knownOf(doc, day);
      const r = revs.get(doc._id);
      if (r && r.rev > k.rev) k = { ...k, rev: r.rev, e: r.e };
      const l = later.get(doc._id);
      if (l && l.r > k.rev) k = { ...k, rev: l.r, e: l.e };
      later.delete(doc._id);
      if ((this.map.peek(doc._id)?.rev ?? -1) < k.rev) this.set(doc._id, k);
    }
    return n;
  }

  /** One journal entry, read newest hour first; entries written by ingest meanwhile win (higher revision). */
  private learn(e: JournalEntry, later: Map<string, JournalEntry>): void {
    const known = this.map.peek(e.k);
    if (known) {
      if (known.rev < e.r) this.set(e.k, { day: e.d, rev: e.r, brand: e.b, bucket: e.q, e: e.e, s: e.s ?? known.s });
      return;
    }
    if (!e.s) {
      // Its content is in an older entry, still to come.
      if ((later.get(e.k)?.r ?? -1) < e.r) later.set(e.k, e);
      return;
    }
    const newer = later.get(e.k);
    const at = newer && newer.r > e.r ? newer : e;
    later.delete(e.k);
    this.set(e.k, { day: at.d, rev: at.r, brand: at.b, bucket: at.q, e: at.e, s: e.s });
  }
}

/** What the cache keeps of a stored mention document of partition `day`. */
export const knownOf = (doc: StoredMention, day: string, signature = signatureOf(doc)): KnownMention => ({ day, rev: doc.rev, brand: doc.brand, bucket: doc.counted.bucket, e: engagementTuple(doc.engagement), s: signature });

/** A short hash of what the mention document holds besides engagement and sighting times. */
export function signatureOf(doc: StoredMention): string {
  const sig = contentSignature({ text: doc.text, title: doc.title, url: doc.url, rating: doc.rating, publishedAt: doc.publishedAt, sentimentScore: doc.sentiment.score, counted: doc.counted, author: doc.author, extra: doc.extra });
  return hash('sha1', sig, 'base64').slice(0, 16);
}
