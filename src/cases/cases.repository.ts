import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import type { Case } from '../core/cases/case.js';
import { insertKeepingFirst } from '../platform/database/duplicate-keys.js';

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * The case documents. Every read and write here names an exact `_id`, so none decodes a collection
 * (FerretDB decodes all of one for any other filter):
 * - `cases_open`: open cases (the queue lists them through CaseQueueRepository, never from here);
 * - `cases_closed`: resolved cases, moved here on resolution and back on reopen;
 * - `case_threads`: `{_id: threadKey, caseId}` for open cases: a follow-up finds its case by key, and the
 *   unique `_id` makes one of two concurrent first mentions open the case;
 * - `case_versions`: `{_id: caseId#version}`, inserted for each change: the insert wins for one writer,
 *   the optimistic lock of every case change (as mention revisions are for mentions);
 * - `case_stories_YYYYMM` (the month the story started): `{_id: storyId, cases: [caseId]}`, the cases opened
 *   from a story's posts, so an incident opened on the story later finds them by `_id`.
 */
@Injectable()
export class CasesRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col<T extends mongo.Document>(name: string) {
    return this.connection.db!.collection<T>(name);
  }
  private open = () => this.col<Case>('cases_open');
  private closed = () => this.col<Case>('cases_closed');
  private threads = () => this.col<{ _id: string; caseId: string }>('case_threads');
  private versions = () => this.col<{ _id: string; at: Date }>('case_versions');
  // A story id starts with its first day (YYYYMMDD).
  private stories = (story: string) => this.col<{ _id: string; cases: string[] }>(`case_stories_${story.slice(0, 6)}`);

  /** An open or closed case by id. */
  async get(id: string): Promise<Case | null> {
    return (await this.open().findOne({ _id: id })) ?? (await this.closed().findOne({ _id: id }));
  }

  /** The open case a thread key points at, if any. */
  /** The open case of each thread that has one, for a whole ingest batch in one read. */
  async casesOfThreads(threadKeys: readonly string[]): Promise<Map<string, string>> {
    if (!threadKeys.length) return new Map();
    const docs = await this.threads().find({ _id: { $in: [...new Set(threadKeys)] } }).toArray();
    return new Map(docs.map((d) => [d._id, d.caseId]));
  }

  async caseOfThread(threadKey: string): Promise<string | null> {
    return (await this.threads().findOne({ _id: threadKey }))?.caseId ?? null;
  }

  /** Points a thread at a case; false when another case holds the thread. */
  async claimThread(threadKey: string, caseId: string): Promise<boolean> {
    try {
      await this.threads().insertOne({ _id: threadKey, caseId });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return (await this.caseOfThread(threadKey)) === caseId;
      throw err;
    }
  }

  /** Points each thread at its case in one insert; returns the thread keys now held by the case asked for. */
  async claimThreads(claims: readonly { threadKey: string; caseId: string }[]): Promise<Set<string>> {
    const refused = new Set(await insertKeepingFirst(this.threads(), claims.map((c) => ({ _id: c.threadKey, caseId: c.caseId }))));
    const held = new Set<string>();
    for (const [i, c] of claims.entries()) {
      // A refused claim is still ours when it was this case's (a batch repeated after a crash).
      if (!refused.has(i) || (await this.caseOfThread(c.threadKey)) === c.caseId) held.add(c.threadKey);
    }
    return held;
  }

  /** Inserts new cases in one insert; returns those that did not exist yet. */
  async insertNewMany(cases: readonly Case[]): Promise<Case[]> {
    const refused = new Set(await insertKeepingFirst(this.open(), cases));
    return cases.filter((_, i) => !refused.has(i));
  }

  async releaseThread(threadKey: string, caseId: string): Promise<void> {
    if ((await this.caseOfThread(threadKey)) === caseId) await this.threads().deleteOne({ _id: threadKey });
  }

  /** Claims a version of a case for this writer: false when another writer changed it first. */
  async claimVersion(id: string, version: number, at: Date): Promise<boolean> {
    try {
      await this.versions().insertOne({ _id: `${id}#${version}`, at });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** Stores a case where its state says: open cases in `cases_open`, resolved ones in `cases_closed`. */
  async save(c: Case): Promise<void> {
    const [to, from] = c.state === 'resolved' ? [this.closed(), this.open()] : [this.open(), this.closed()];
    await to.replaceOne({ _id: c._id }, c, { upsert: true });
    await from.deleteOne({ _id: c._id });
  }

  /** Records the cases opened from each story's posts: an `$addToSet` by `_id` per story, one bulk write per month. */
  async recordStories(pairs: readonly { story: string; caseId: string }[]): Promise<void> {
    const perStory = new Map<string, string[]>();
    for (const p of pairs) perStory.set(p.story, [...(perStory.get(p.story) ?? []), p.caseId]);
    // One round trip per month collection for the batch, not one per story.
    const byMonth = new Map<string, [string, string[]][]>();
    for (const [story, ids] of perStory) (byMonth.get(story.slice(0, 6)) ?? byMonth.set(story.slice(0, 6), []).get(story.slice(0, 6))!).push([story, ids]);
    await Promise.all(
      [...byMonth.values()].map((entries) =>
        this.stories(entries[0]![0]).bulkWrite(entries.map(([story, ids]) => ({ updateOne: { filter: { _id: story }, update: { $addToSet: { cases: { $each: ids } } }, upsert: true } })), { ordered: false }),
      ),
    );
  }

  /** The cases opened from a story's posts. */
  async casesOfStory(story: string): Promise<string[]> {
    return (await this.stories(story).findOne({ _id: story }))?.cases ?? [];
  }

  /** For the benchmark and bulk seeding: inserts many cases as they are. */
  async insertMany(cases: readonly Case[]): Promise<void> {
    const open = cases.filter((c) => c.state !== 'resolved');
    const closed = cases.filter((c) => c.state === 'resolved');
    if (open.length) await this.open().insertMany(open as Case[], { ordered: false });
    if (closed.length) await this.closed().insertMany(closed as Case[], { ordered: false });
  }
}
