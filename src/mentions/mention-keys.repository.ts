import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { dueKeyMonths, keyMonths } from '../core/mention/key-months.js';
import { dropCounted } from '../platform/database/drop-counted.js';
import { insertKeepingFirst } from '../platform/database/duplicate-keys.js';

/** A key claim: a stored (or being stored) mention's key and the UTC day partition of its document. */
export interface KeyClaim {
  _id: string;
  day: string;
}

/** The single claim collection of databases written before claims were partitioned by month. */
export const LEGACY_KEYS = 'mention_keys';
const NAME = /^mention_keys_(\d{6})$/;
const WRITE_CHUNK = 500;

/**
 * Key claims, `mention_keys_YYYYMM` by month of publication (see core/mention/key-months.ts for the month
 * before that the first days of a month are claimed in too). Every read and write is by `_id`, which the
 * `_id` index serves on a MongoDB server (no other index is needed): ingest inserts a batch's claims, one
 * insert per month; a lookup reads one claim per month partition. Retention drops a month whole once all its
 * days are past retention. While a database still has the legacy `mention_keys` collection (until
 * `goldenhour migrate` moves it), claims are made, read and erased there too.
 */
@Injectable()
export class MentionKeysRepository {
  private legacy: Promise<boolean> | null = null;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col(name: string) {
    return this.connection.db!.collection<KeyClaim>(name);
  }

  /** Whether the legacy collection exists (asked once per process; `goldenhour migrate` runs with the daemon stopped). */
  hasLegacy(): Promise<boolean> {
    this.legacy ??= this.legacyExists();
    return this.legacy;
  }

  private async legacyExists(): Promise<boolean> {
    return (await this.connection.db!.listCollections({ name: LEGACY_KEYS }, { nameOnly: true }).toArray()).length > 0;
  }

  /** The collections a mention of `day` is claimed in. */
  private async claimedIn(day: string): Promise<string[]> {
    return [...keyMonths(day).map((m) => `mention_keys_${m}`), ...((await this.hasLegacy()) ? [LEGACY_KEYS] : [])];
  }

  /** Claims keys of new mentions; returns those already claimed in any of their collections (stored, or being stored by another writer). */
  async claim(items: readonly { key: string; day: string }[]): Promise<Set<string>> {
    const by = new Map<string, KeyClaim[]>();
    for (const { key, day } of items) for (const name of await this.claimedIn(day)) (by.get(name) ?? by.set(name, []).get(name)!).push({ _id: key, day });
    const clashed = new Set<string>();
    for (const [name, docs] of by) for (const i of await insertKeepingFirst(this.col(name), docs, WRITE_CHUNK)) clashed.add(docs[i]!._id);
    return clashed;
  }

  /** Every day the claims of a key name, those in the claim months of `likelyDay` first (a lookup by `_id` per partition). */
  async days(key: string, likelyDay?: string): Promise<string[]> {
    const first = likelyDay ? await this.claimedIn(likelyDay) : [];
    const out = new Set<string>();
    for (const name of [...first, ...(await this.all()).filter((n) => !first.includes(n))]) {
      const claim = await this.col(name).findOne({ _id: key });
      if (claim) out.add(claim.day);
    }
    return [...out];
  }

  /** Points a key's claims at the day its document moved to (claiming it in that day's months too). */
  async move(key: string, day: string, oldDay: string): Promise<void> {
    const target = await this.claimedIn(day);
    for (const name of target) await this.col(name).updateOne({ _id: key }, { $set: { day } }, { upsert: true });
    // Claims left under the old day lead to the new one; a month already dropped is not created again.
    for (const name of (await this.claimedIn(oldDay)).filter((n) => !target.includes(n))) await this.col(name).updateOne({ _id: key }, { $set: { day } });
  }

  /** The claims of these keys in every partition, for an export. */
  async claimsOf(keys: readonly string[]): Promise<{ where: string; claim: KeyClaim }[]> {
    const out: { where: string; claim: KeyClaim }[] = [];
    for (const name of await this.all()) for (const key of keys) {
      const claim = await this.col(name).findOne({ _id: key });
      if (claim) out.push({ where: `${name}/${key}`, claim });
    }
    return out;
  }

  /** Removes a key's claims from every partition (an erasure); returns how many there were. */
  async remove(key: string): Promise<number> {
    let n = 0;
    for (const name of await this.all()) n += (await this.col(name).deleteOne({ _id: key })).deletedCount;
    return n;
  }

  /** Drops the months whose every day is before `cutoffDay`; returns the claims they held. */
  async dropDue(cutoffDay: string, pause: () => Promise<void>): Promise<number> {
    let n = 0;
    for (const month of dueKeyMonths(await this.months(), cutoffDay)) {
      n += await dropCounted(this.connection.db!, `mention_keys_${month}`);
      await pause();
    }
    return n;
  }

  /**
   * Copies the legacy collection into the month partitions (one pass, a batch at a time; a claim already
   * copied is kept as it is, so a re-run after a crash completes it), then drops it. Returns the claims read.
   */
  async migrateLegacy(): Promise<number> {
    this.legacy = this.legacyExists();
    if (!(await this.legacy)) return 0;
    let n = 0;
    let batch: KeyClaim[] = [];
    const flush = async () => {
      const by = new Map<string, KeyClaim[]>();
      for (const c of batch) for (const m of keyMonths(c.day)) (by.get(m) ?? by.set(m, []).get(m)!).push(c);
      for (const [month, docs] of by) await insertKeepingFirst(this.col(`mention_keys_${month}`), docs, WRITE_CHUNK);
      n += batch.length;
      batch = [];
    };
    for await (const claim of this.col(LEGACY_KEYS).find({}).batchSize(WRITE_CHUNK)) {
      batch.push({ _id: claim._id, day: claim.day });
      if (batch.length >= WRITE_CHUNK) await flush();
    }
    await flush();
    await this.connection.db!.dropCollection(LEGACY_KEYS).catch(() => undefined);
    this.legacy = Promise.resolve(false);
    return n;
  }

  /** Month partitions (`YYYYMM`) that exist, oldest first. */
  async months(): Promise<string[]> {
    const out: string[] = [];
    for (const c of await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
      const m = NAME.exec(c.name);
      if (m) out.push(m[1]!);
    }
    return out.sort();
  }

  /** Every claim collection, newest month first, the legacy one last. */
  private async all(): Promise<string[]> {
    return [...(await this.months()).reverse().map((m) => `mention_keys_${m}`), ...((await this.hasLegacy()) ? [LEGACY_KEYS] : [])];
  }
}
