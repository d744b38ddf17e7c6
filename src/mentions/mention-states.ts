import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { JournalEntry } from '../core/mention/journal.js';
import { Clock } from '../platform/clock.js';
import { Readiness } from '../platform/health/readiness.js';
import { Runtime } from '../platform/runtime.js';
import { MentionsRepository } from './mentions.repository.js';

/** What ingest keeps per stored mention to handle a re-sighting without reading it (see core/mention/mention-state.ts). */
export interface KnownMention {
  day: string;
  rev: number;
  brand: string;
  /** 5-minute bucket start the mention is counted in. */
  bucket: number;
  e: [number, number, number, number];
  /** Content signature. */
  s: string;
}

/** Mentions kept at most (about 200 bytes each); the least recently seen go first. */
const CAPACITY = 1_500_000;
/** How far back the cache is refilled from the journal after a start. */
export const WARM_DAYS = 35;

/**
 * A bounded, least-recently-used cache of mention states. Not the truth: every change is guarded by the
 * insert of its revision record, so a stale entry (another daemon changed the mention) costs one clash and
 * a re-read, never a wrong count. Filled from the journal at start, in the background.
 */
@Injectable()
export class MentionStates implements OnApplicationBootstrap {
  private readonly logger = new Logger(MentionStates.name);
  private readonly map = new Map<string, KnownMention>();
  private warming: Promise<void> | null = null;

  constructor(
    private readonly repo: MentionsRepository,
    private readonly clock: Clock,
    private readonly readiness: Readiness,
    private readonly runtime: Runtime,
  ) {}

  /**
   * A daemon refills it at start in the background; `/readyz` waits for it, since a cold cache makes every
   * re-sighting a read. Ingest meanwhile works, reading what it does not know. (Tests and replay start empty.)
   */
  onApplicationBootstrap(): void {
    if (this.runtime.scheduling) this.readiness.track('mention cache', this.warm());
  }

  get(key: string): KnownMention | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, v: KnownMention): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > CAPACITY) this.map.delete(this.map.keys().next().value!);
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
    let entries = 0;
    // Only the hours that have a journal collection: one listing instead of a query per hour.
    for (const hour of await this.repo.journalHours(now - (WARM_DAYS + 1) * 86_400_000, now + 3_600_000)) {
      const list = await this.repo.journal(new Date(hour), new Date(hour + 3_600_000));
      entries += list.length;
      for (const e of list) this.learn(e);
    }
    this.logger.log({ event: 'mention_cache_warm', entries, mentions: this.map.size, ms: Math.round(performance.now() - started) });
  }

  private learn(e: JournalEntry): void {
    const known = this.map.get(e.k);
    if (known && known.rev >= e.r) return;
    if (!known && !e.s) return; // an engagement change of a mention whose content we have not seen: leave it to a read
    this.set(e.k, { day: e.d, rev: e.r, brand: e.b, bucket: e.q, e: e.e, s: e.s ?? known!.s });
  }
}
