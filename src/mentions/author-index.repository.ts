import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { dropCounted } from '../platform/database/drop-counted.js';
import { PartitionIndexes } from '../platform/database/partition-indexes.js';

/** One index entry: a subject hash (author or link) and a mention it leads to. */
export interface AuthorIndexEntry {
  /** `${hash}|${mention key}`: the entry's identity (a mention filed twice is found once). */
  _id: string;
  a: string;
  k: string;
  /** UTC day of publication (`YYYYMMDD`): where the mention document lives. */
  d: string;
}

/** A month's index: `author_index_YYYYMM`; earlier versions split it by the hash's last hex digit (still read). */
const NAME = /^author_index_(\d{6})(?:_([0-9a-f]))?$/;

/** The partition of a hash in the earlier layout: its last hex digit (author hashes are hex, link hashes "u" + hex). */
const partOf = (hash: string) => hash[hash.length - 1]!;

/**
 * One write of the index: the entries of one ingest batch for one month, packed as JSON text `e`
 * (`[hash, mention key, day]` each), with the batch's hashes in `a` for a MongoDB index to find it by.
 */
interface IndexBatchDoc {
  _id: string;
  a: string[];
  e: string;
}

type Packed = [hash: string, key: string, day: string];

/**
 * Finds a person's mentions without reading the mention history: ingest files the author hash and link
 * hash of each new or rewritten mention in `author_index_YYYYMM` (month of publication) — one insert per
 * batch and month, the batch's entries packed in one document, so filing costs ingest one round trip
 * (the earlier layout, sixteen collections a month split by hash digit, cost sixteen per batch: a fifth of
 * a batch's write time). A lookup reads the months kept (erasure and access requests, which are rare);
 * retention drops whole months.
 */
@Injectable()
export class AuthorIndexRepository {
  private readonly partitions = new PartitionIndexes(() => this.connection.db!);

  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col(name: string) {
    // On a MongoDB server: the lookup of one hash (find({a})); FerretDB scans the month's packed documents.
    return this.partitions.collection<IndexBatchDoc & AuthorIndexEntry>(name, { a: 1 });
  }

  async record(entries: readonly { hash: string; key: string; day: string }[]): Promise<void> {
    const byMonth = new Map<string, Packed[]>();
    for (const e of entries) {
      const month = e.day.slice(0, 6);
      (byMonth.get(month) ?? byMonth.set(month, []).get(month)!).push([e.hash, e.key, e.day]);
    }
    for (const [month, packed] of byMonth) {
      await this.col(`author_index_${month}`).insertOne({ _id: randomUUID(), a: [...new Set(packed.map((p) => p[0]))], e: JSON.stringify(packed) } as IndexBatchDoc & AuthorIndexEntry);
    }
  }

  /** The mentions (key and day) filed under a hash, in every month kept, each once. */
  async lookup(hash: string): Promise<AuthorIndexEntry[]> {
    const out = new Map<string, AuthorIndexEntry>();
    for (const name of await this.collections(hash)) {
      for (const doc of await this.col(name).find({ a: hash }).toArray()) {
        if (typeof doc.e !== 'string') out.set(doc._id, doc); // earlier layout: one entry a document
        else for (const [a, k, d] of JSON.parse(doc.e) as Packed[]) if (a === hash) out.set(`${a}|${k}`, { _id: `${a}|${k}`, a, k, d });
      }
    }
    return [...out.values()];
  }

  async remove(hashes: readonly string[]): Promise<number> {
    let n = 0;
    for (const hash of hashes) {
      for (const name of await this.collections(hash)) {
        const col = this.col(name);
        for (const doc of await col.find({ a: hash }).toArray()) {
          if (typeof doc.e !== 'string') {
            n += (await col.deleteOne({ _id: doc._id })).deletedCount;
            continue;
          }
          const packed = JSON.parse(doc.e) as Packed[];
          const kept = packed.filter((p) => p[0] !== hash);
          n += packed.length - kept.length;
          if (!kept.length) await col.deleteOne({ _id: doc._id });
          else await col.replaceOne({ _id: doc._id }, { a: doc.a.filter((a) => a !== hash), e: JSON.stringify(kept) } as IndexBatchDoc & AuthorIndexEntry);
        }
      }
    }
    return n;
  }

  /** Drops the index of months entirely before `month` (`YYYYMM`); returns the documents dropped. */
  async dropBefore(month: string): Promise<number> {
    let n = 0;
    for (const c of await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
      const m = NAME.exec(c.name);
      if (!m || m[1]! >= month) continue;
      n += await dropCounted(this.connection.db!, c.name);
    }
    return n;
  }

  /** The index collections that may hold a hash: every month's, and the earlier layout's of its digit. */
  private async collections(hash: string): Promise<string[]> {
    const out: string[] = [];
    for (const c of await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
      const m = NAME.exec(c.name);
      if (m && (m[2] === undefined || m[2] === partOf(hash))) out.push(c.name);
    }
    return out.sort();
  }
}
