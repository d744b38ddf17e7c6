import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { JournalEntry } from '../core/mention/journal.js';
import { readForm } from '../core/mention/stored-form.js';
import { dropCounted } from '../platform/database/drop-counted.js';
import type { StoredMention } from './mention.js';

const CHUNK = 50;
const JOURNAL = /^journal_(\d{4})(\d{2})(\d{2})(\d{2})$/;

/**
 * Erasure, access and retention on the mention collections (see MentionsRepository for their layout):
 * reads and removes one person's copies by key in the partitions the author index names, and drops
 * whole partitions once they are past retention. Never on a hot path.
 */
@Injectable()
export class MentionsPersonalDataRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col<T extends object = Record<string, unknown>>(name: string) {
    return this.connection.db!.collection<T & { _id: string }>(name);
  }

  async mention(key: string, day: string): Promise<StoredMention | null> {
    const doc = (await this.col<StoredMention>(`mentions_${day}`).findOne({ _id: key })) as StoredMention | null;
    return doc && readForm(doc);
  }

  /** Removes a mention document (its key claims are MentionKeysRepository's); true when it was there. */
  async removeMention(key: string, day: string): Promise<boolean> {
    return (await this.col(`mentions_${day}`).deleteOne({ _id: key })).deletedCount === 1;
  }

  /** Documents of a collection whose id is one of the keys or `key#n`. */
  async byKeys(collection: string, keys: ReadonlySet<string>): Promise<Record<string, unknown>[]> {
    const docs = await this.col(collection).find({}).toArray();
    return docs.filter((d) => {
      const v = String(d._id);
      return keys.has(v) || keys.has(v.slice(0, v.lastIndexOf('#')));
    });
  }

  async removeIds(collection: string, ids: readonly string[]): Promise<number> {
    let n = 0;
    for (let i = 0; i < ids.length; i += CHUNK) n += (await this.col(collection).deleteMany({ _id: { $in: ids.slice(i, i + CHUNK) } })).deletedCount;
    return n;
  }

  /** Journal hours (epoch ms) that exist, oldest first. */
  async journalHours(): Promise<number[]> {
    const out: number[] = [];
    for (const name of await this.names()) {
      const m = JOURNAL.exec(name);
      if (m) out.push(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4])));
    }
    return out.sort((a, b) => a - b);
  }

  /** Packed journal documents of an hour collection with the entries of the given keys. */
  async journalWith(name: string, keys: ReadonlySet<string>): Promise<{ _id: unknown; entries: JournalEntry[] }[]> {
    const out: { _id: unknown; entries: JournalEntry[] }[] = [];
    for (const d of await this.connection.db!.collection<{ data: string }>(name).find({}).toArray()) {
      const entries = JSON.parse(d.data) as JournalEntry[];
      if (entries.some((e) => keys.has(e.k))) out.push({ _id: d._id, entries });
    }
    return out;
  }

  /** Rewrites a packed journal document without the entries of the given keys (deletes it when none is left). */
  async dropFromJournal(name: string, id: unknown, entries: readonly JournalEntry[], keys: ReadonlySet<string>): Promise<number> {
    const kept = entries.filter((e) => !keys.has(e.k));
    const col = this.connection.db!.collection(name);
    if (kept.length) await col.updateOne({ _id: id as never }, { $set: { data: JSON.stringify(kept) } });
    else await col.deleteOne({ _id: id as never });
    return entries.length - kept.length;
  }

  /** What source counting reads of a day's mentions (the source counts' backfill counts a day at once). */
  countedOf(day: string): Promise<Pick<StoredMention, 'brand' | 'source' | 'publishedAt'>[]> {
    return this.col<StoredMention>(`mentions_${day}`).find({}, { projection: { brand: 1, source: 1, publishedAt: 1 } }).toArray();
  }

  /**
   * The author and link of every mention of a day partition, `batch` at a time: one cursor, so the
   * partition is decoded once, a batch per round trip, and other commands run between batches.
   */
  async *authorsOf(day: string, batch: number): AsyncGenerator<Pick<StoredMention, '_id' | 'author' | 'url'>[]> {
    const cursor = this.col<StoredMention>(`mentions_${day}`).find({}, { projection: { 'author.hash': 1, url: 1 }, batchSize: batch });
    let out: Pick<StoredMention, '_id' | 'author' | 'url'>[] = [];
    for await (const doc of cursor) {
      out.push(doc as Pick<StoredMention, '_id' | 'author' | 'url'>);
      if (out.length >= batch) {
        yield out;
        out = [];
      }
    }
    if (out.length) yield out;
  }

  /** Day partitions (`YYYYMMDD`) of a prefix. */
  async days(prefix: string): Promise<string[]> {
    return (await this.names()).filter((n) => n.startsWith(prefix) && /^\d{8}$/.test(n.slice(prefix.length))).map((n) => n.slice(prefix.length)).sort();
  }

  /** Drops a collection; returns how many documents it held (without counting them: see dropCounted). */
  drop(name: string): Promise<number> {
    return dropCounted(this.connection.db!, name);
  }

  async names(): Promise<string[]> {
    return (await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  }
}
