import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import { hoursBetween, journalCollection, observationOf, observationsOf, packJournal, type JournalEntry } from '../core/mention/journal.js';
import { dayStart, utcDay } from '../core/mention/mention-state.js';
import { readForm, storedForm } from '../core/mention/stored-form.js';
import type { Polarity } from '../core/sentiment/types.js';
import { insertKeepingFirst } from '../platform/database/duplicate-keys.js';
import type { EngagementSnapshot, StoredMention } from './mention.js';
import { MentionKeysRepository } from './mention-keys.repository.js';
import { PartitionIndexes } from '../platform/database/partition-indexes.js';
import { ReadMemo } from '../platform/database/read-memo.js';

export interface MentionQuery {
  brand?: string;
  platform?: string;
  polarity?: Polarity;
  from?: Date;
  to?: Date;
  limit: number;
  sort?: 'recent' | 'engagement';
}

/** A revision record: inserted for every change of a stored mention; its unique `_id` makes the change one writer's. */
export interface RevisionRecord {
  _id: string;
  e: [number, number, number, number];
  t: Date;
}

const WRITE_CHUNK = 500;
const DAY_MS = 86_400_000;

/**
 * The only code that touches the mention collections. Every collection here is bounded by time or by a
 * fixed partitioning, so no query reads a collection that grows with the whole history:
 * - `mentions_YYYYMMDD`: mention documents by UTC day of publication, rewritten only when content changes;
 * - `mention_keys_YYYYMM`: `{_id: key, day}` claims by month of publication (MentionKeysRepository), whose
 *   unique `_id` answers "already stored?" on insert (one insert per month of a batch, at any size) and says
 *   where the document lives; read only for a mention that is not in the partition of its publication day
 *   (its time moved), by `_id` in each month;
 * - `mention_revs_YYYYMMDD`: `{_id: key#rev}` records, one per change, inserted (never updated): an
 *   insert of revision r+1 succeeds for exactly one writer, the optimistic lock of every change;
 * - `journal_YYYYMMDDHH`: packed observations by UTC hour of observation (see core/mention/journal.ts).
 */
@Injectable()
export class MentionsRepository {
  private readonly partitions = new PartitionIndexes(() => this.connection.db!);

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly keys: MentionKeysRepository,
    private readonly memo: ReadMemo,
  ) {}

  private col<T extends mongo.Document = mongo.Document>(name: string) {
    return this.connection.db!.collection<T>(name);
  }

  private docs(day: string) {
    // The queries a MongoDB server answers from an index: a brand's mentions in time order.
    return this.partitions.collection<StoredMention>(`mentions_${day}`, { brand: 1, publishedAt: -1 });
  }

  private revs(day: string) {
    return this.col<RevisionRecord>(`mention_revs_${day}`);
  }

  /** Claims keys for new mentions; returns the keys that were already claimed (stored, or being stored by another writer). */
  claimKeys(items: readonly { key: string; day: string }[]): Promise<Set<string>> {
    return this.keys.claim(items);
  }

  /**
   * The day partition holding a mention's document (its claims name it; `likelyDay`'s months are asked
   * first), the day a claim names when none holds it (claimed, not stored), or null when it was never claimed.
   */
  async locate(key: string, likelyDay?: string): Promise<string | null> {
    const days = await this.keys.days(key, likelyDay);
    if (days.length > 1) for (const day of days) if (await this.docAt(key, day)) return day;
    return days[0] ?? null;
  }

  /** Inserts mention documents into their day partitions; returns the ids that were already there. */
  async insertDocs(docs: readonly { doc: StoredMention; day: string }[]): Promise<Set<string>> {
    const byDay = new Map<string, StoredMention[]>();
    for (const { doc, day } of docs) (byDay.get(day) ?? byDay.set(day, []).get(day)!).push(storedForm(doc) as StoredMention);
    const clashed = new Set<string>();
    for (const [day, list] of byDay) for (const i of await insertKeepingFirst(this.docs(day), list, WRITE_CHUNK)) clashed.add(list[i]._id);
    return clashed;
  }

  async docAt(key: string, day: string): Promise<StoredMention | null> {
    const doc = (await this.docs(day).findOne({ _id: key })) as StoredMention | null;
    return doc && readForm(doc);
  }

  /** Writes a new version of a mention document (after its revision record won), moving it when its day changed. */
  async replaceDoc(doc: StoredMention, day: string, oldDay: string): Promise<void> {
    await this.docs(day).replaceOne({ _id: doc._id }, storedForm(doc) as StoredMention, { upsert: true });
    if (oldDay !== day) {
      await this.keys.move(doc._id, day, oldDay);
      await this.docs(oldDay).deleteOne({ _id: doc._id });
    }
  }

  /** Inserts revision records (each `rev` the one after the writer's known state); returns the keys another writer had already taken that revision of. */
  async insertRevisions(records: readonly { key: string; day: string; rev: number; e: [number, number, number, number]; t: Date }[]): Promise<Set<string>> {
    const byDay = new Map<string, { key: string; doc: RevisionRecord }[]>();
    for (const r of records) (byDay.get(r.day) ?? byDay.set(r.day, []).get(r.day)!).push({ key: r.key, doc: { _id: `${r.key}#${r.rev}`, e: r.e, t: r.t } });
    const lost = new Set<string>();
    for (const [day, list] of byDay) for (const i of await insertKeepingFirst(this.revs(day), list.map((x) => x.doc), WRITE_CHUNK)) lost.add(list[i]!.key);
    return lost;
  }

  /** Inserts revision `rev` of a mention; false when another writer made that revision first. */
  async insertRevision(key: string, day: string, rev: number, e: [number, number, number, number], t: Date): Promise<boolean> {
    return (await this.insertRevisions([{ key, day, rev, e, t }])).size === 0;
  }

  async revision(key: string, day: string, rev: number): Promise<RevisionRecord | null> {
    return (await this.revs(day).findOne({ _id: `${key}#${rev}` })) as RevisionRecord | null;
  }

  /** Every mention document of a day partition, a batch at a time (the mention cache's refill of days the journal no longer covers). */
  async *dayDocs(day: string): AsyncIterable<StoredMention> {
    for await (const doc of this.col<StoredMention>(`mentions_${day}`).find({}).batchSize(WRITE_CHUNK)) yield readForm(doc as StoredMention);
  }

  /** The latest revision record of every mention of a day partition that has one (one read of the partition). */
  async latestRevisions(day: string): Promise<Map<string, { rev: number; e: [number, number, number, number] }>> {
    const out = new Map<string, { rev: number; e: [number, number, number, number] }>();
    for (const r of await this.revs(day).find({}).toArray()) {
      const at = r._id.lastIndexOf('#');
      const key = r._id.slice(0, at);
      const rev = Number(r._id.slice(at + 1));
      if ((out.get(key)?.rev ?? 0) < rev) out.set(key, { rev, e: r.e });
    }
    return out;
  }

  async appendJournal(entries: readonly JournalEntry[]): Promise<void> {
    for (const [name, doc] of packJournal(entries)) await this.col(name).insertOne({ ...doc });
  }

  /** Journal entries observed in [from, to), read from the days of that range only. */
  async journal(from: Date, to: Date): Promise<JournalEntry[]> {
    const out: JournalEntry[] = [];
    // The entries' own times decide what is returned; the filter only spares sending documents observed wholly
    // before `from`. Where reads are kept (ReadMemo: a replay), whole hours are read, so a settled hour is read once.
    for (const hour of hoursBetween(from.getTime(), to.getTime())) {
      for (const e of await this.journalHour(hour, this.memo.active ? undefined : from)) if (e.t >= from.getTime() && e.t < to.getTime()) out.push(e);
    }
    return out;
  }

  /** Every entry of the journal collection of the hour starting at `hour` (only its documents observed since `since`, if given). */
  async journalHour(hour: number, since?: Date): Promise<JournalEntry[]> {
    const name = journalCollection(hour);
    const read = () => this.col<{ at: Date; data: string }>(name).find(since ? { at: { $gte: since } } : {}).toArray();
    const docs = since ? await read() : await this.memo.read(name, 'all', read);
    return docs.flatMap((d) => JSON.parse(d.data) as JournalEntry[]);
  }

  /** Start (epoch ms) of every UTC hour in [from, to) that has a journal collection, oldest first. */
  async journalHours(from: number, to: number): Promise<number[]> {
    const out: number[] = [];
    for (const c of await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
      const m = /^journal_(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(c.name);
      if (!m) continue;
      const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]));
      if (t >= from - 3_600_000 && t < to) out.push(t);
    }
    return out.sort((a, b) => a - b);
  }

  /** Days (`YYYYMMDD`) that have a collection with this prefix, oldest first. */
  async partitionDays(prefix: string): Promise<string[]> {
    const days: string[] = [];
    for (const c of await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
      if (c.name.startsWith(prefix) && /^\d{8}$/.test(c.name.slice(prefix.length))) days.push(c.name.slice(prefix.length));
    }
    return days.sort();
  }

  /** Mentions by id (reads each one's partition). */
  async byIds(ids: readonly string[]): Promise<StoredMention[]> {
    const out: StoredMention[] = [];
    for (const id of ids) {
      const day = await this.locate(id);
      const doc = day ? await this.docAt(id, day) : null;
      if (doc) out.push(doc);
    }
    return out;
  }

  /** Mentions matching a query, from the day partitions of its range (newest days first, older ones only while needed for recency). */
  async find(q: MentionQuery): Promise<StoredMention[]> {
    const filter: Record<string, unknown> = {};
    if (q.brand) filter.brand = q.brand;
    if (q.platform) filter.platform = q.platform;
    if (q.polarity) filter['sentiment.label'] = q.polarity;
    if (q.from || q.to) filter.publishedAt = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lt: q.to } : {}) };
    const sort: Record<string, 1 | -1> = q.sort === 'engagement' ? { 'engagement.shares': -1, 'engagement.comments': -1, publishedAt: -1 } : { publishedAt: -1 };
    const days = (await this.partitionDays('mentions_')).filter((d) => (!q.from || dayStart(d) + DAY_MS > q.from.getTime()) && (!q.to || dayStart(d) < q.to.getTime())).reverse();
    const out: StoredMention[] = [];
    for (const day of days) {
      if (q.sort !== 'engagement' && out.length >= q.limit) break;
      out.push(...((await this.docs(day).find(filter, { projection: { counted: 0 } }).sort(sort).limit(q.limit).toArray()) as StoredMention[]).map((m) => readForm(m, { counted: false })));
    }
    const cmp = q.sort === 'engagement'
      ? (a: StoredMention, b: StoredMention) => b.engagement.shares - a.engagement.shares || b.engagement.comments - a.engagement.comments || b.publishedAt.getTime() - a.publishedAt.getTime()
      : (a: StoredMention, b: StoredMention) => b.publishedAt.getTime() - a.publishedAt.getTime();
    return out.sort(cmp).slice(0, q.limit);
  }

  /** A page of mentions published in a range, in (publishedAt, _id) order, after the given one. */
  async page(q: { from: Date; to?: Date; brand?: string; afterId?: string; afterPublished?: Date; limit: number }): Promise<StoredMention[]> {
    const to = q.to?.getTime() ?? 8.64e15;
    const start = Math.max(q.from.getTime(), q.afterPublished ? dayStart(utcDay(q.afterPublished)) : 0);
    const out: StoredMention[] = [];
    for (const day of await this.partitionDays('mentions_')) {
      if (dayStart(day) + DAY_MS <= start || dayStart(day) >= to) continue;
      const filter: Record<string, unknown> = { publishedAt: { $gte: q.from, $lt: new Date(to) } };
      if (q.brand) filter.brand = q.brand;
      if (q.afterPublished && q.afterId) filter.$or = [{ publishedAt: { $gt: q.afterPublished } }, { publishedAt: q.afterPublished, _id: { $gt: q.afterId } }];
      out.push(...((await this.docs(day).find(filter).sort({ publishedAt: 1, _id: 1 }).limit(q.limit - out.length).toArray()) as StoredMention[]).map((m) => readForm(m)));
      if (out.length >= q.limit) break;
    }
    return out;
  }

  /** Engagement observations of one mention, oldest first (journal of the days since it was published). */
  async snapshotsOf(mention: string, since: Date, until: Date): Promise<EngagementSnapshot[]> {
    return (await this.journal(since, until)).filter((e) => e.k === mention).sort((a, b) => a.t - b.t || a.r - b.r).map(observationOf);
  }

  async snapshotsSince(since: Date, until: Date, brand?: string): Promise<EngagementSnapshot[]> {
    return observationsOf(await this.journal(since, until), brand);
  }

  async count(filter: { brand?: string } = {}): Promise<number> {
    let n = 0;
    for (const day of await this.partitionDays('mentions_')) n += await this.docs(day).countDocuments(filter);
    return n;
  }
}
