import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { duplicateKeyIndexes } from '../platform/database/duplicate-keys.js';

/** One index entry: a subject hash (author or link) and a mention it leads to. */
export interface AuthorIndexEntry {
  /** `${hash}|${mention key}`: a repeated entry is a duplicate insert, so writes are insert-only. */
  _id: string;
  a: string;
  k: string;
  /** UTC day of publication (`YYYYMMDD`): where the mention document lives. */
  d: string;
}

const NAME = /^author_index_(\d{6})_([0-9a-f])$/;

/** The index partition of a hash: its last hex digit (author hashes are hex, link hashes "u" + hex). */
const partOf = (hash: string) => hash[hash.length - 1]!;

/**
 * Finds a person's mentions without reading the mention history: ingest inserts one small entry per
 * author hash and per link hash of each new or rewritten mention into `author_index_YYYYMM_H` (month of
 * publication, last hex digit of the hash). A lookup reads the collections of one hash character,
 * a sixteenth of the index of the months kept; retention drops whole months.
 */
@Injectable()
export class AuthorIndexRepository {
  private readonly indexed = new Set<string>();

  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col(month: string, hash: string) {
    const name = `author_index_${month}_${partOf(hash)}`;
    if (!this.indexed.has(name)) {
      this.indexed.add(name);
      // On a MongoDB server: the lookup of one hash (find({a})); FerretDB scans this small collection.
      void this.connection.db!.collection(name).createIndex({ a: 1 }).catch(() => this.indexed.delete(name));
    }
    return this.connection.db!.collection<AuthorIndexEntry>(name);
  }

  async record(entries: readonly { hash: string; key: string; day: string }[]): Promise<void> {
    const by = new Map<string, { month: string; hash: string; docs: AuthorIndexEntry[] }>();
    for (const e of entries) {
      const id = `${e.day.slice(0, 6)}_${partOf(e.hash)}`;
      const group = by.get(id) ?? by.set(id, { month: e.day.slice(0, 6), hash: e.hash, docs: [] }).get(id)!;
      group.docs.push({ _id: `${e.hash}|${e.key}`, a: e.hash, k: e.key, d: e.day });
    }
    // One insert per partition, side by side (on a MongoDB server their round trips overlap).
    await Promise.all(
      [...by.values()].map(async ({ month, hash, docs }) => {
        try {
          await this.col(month, hash).insertMany(docs, { ordered: false });
        } catch (err) {
          if (!duplicateKeyIndexes(err)) throw err; // already indexed (a re-sighting that rewrote the mention)
        }
      }),
    );
  }

  /** The mentions (key and day) filed under a hash, in every month kept. */
  async lookup(hash: string): Promise<AuthorIndexEntry[]> {
    const out: AuthorIndexEntry[] = [];
    for (const month of await this.months(partOf(hash))) out.push(...(await this.col(month, hash).find({ a: hash }).toArray()));
    return out;
  }

  async remove(hashes: readonly string[]): Promise<number> {
    let n = 0;
    for (const hash of hashes) for (const month of await this.months(partOf(hash))) n += (await this.col(month, hash).deleteMany({ a: hash })).deletedCount;
    return n;
  }

  /** Drops the index of months entirely before `month` (`YYYYMM`); returns the entries dropped. */
  async dropBefore(month: string): Promise<number> {
    let n = 0;
    for (const c of await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
      const m = NAME.exec(c.name);
      if (!m || m[1]! >= month) continue;
      n += await this.connection.db!.collection(c.name).estimatedDocumentCount();
      await this.connection.db!.collection(c.name).drop();
    }
    return n;
  }

  private async months(first: string): Promise<string[]> {
    const out: string[] = [];
    for (const c of await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
      const m = NAME.exec(c.name);
      if (m && m[2] === first) out.push(m[1]!);
    }
    return out.sort();
  }
}
