import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import type { Case } from '../core/cases/case.js';
import { readCase, storedCase, type StoredCase } from '../core/cases/stored-case.js';
import { insertKeepingFirst } from '../platform/database/duplicate-keys.js';

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * The case documents, written in their stored form (core/cases/stored-case.ts: the first mention's copy of
 * the case's text and link and the queue placements' field names left out) and read back whole. Every read and write here names an exact `_id`, so none decodes a collection
 * (FerretDB decodes all of one for any other filter):
 * - `cases_open`: open cases (the queue lists them through CaseQueueRepository, never from here);
 * - `cases_closed`: resolved cases, moved here on resolution and back on reopen;
 * - `case_threads`: `{_id: threadKey, caseId}` for open cases: a follow-up finds its case by key, and the
 *   unique `_id` makes one of two concurrent first mentions open the case;
 * - `case_versions`: `{_id: caseId#version}`, inserted for each change: the insert wins for one writer,
 *   the optimistic lock of every case change (as mention revisions are for mentions);
 * - `case_story_cases_YYYYMMDD` (the day the story started): `{_id: storyId|caseId}`, inserted for each case
 *   opened from a story's posts, so an incident opened on the story later finds them in its day (an `_id`
 *   range; the `$addToSet` by `_id` this replaces decoded the whole month on every ingest batch). Older
 *   `case_stories_YYYYMM` documents `{_id: storyId, cases}` are still read by `_id`;
 * - `case_posts`: `{_id: mentionId, caseId}` for each follow-up that joined a case (a case's first post is
 *   its id already), so an official reply to any post of the thread finds the case by `_id`.
 */
@Injectable()
export class CasesRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col<T extends mongo.Document>(name: string) {
    return this.connection.db!.collection<T>(name);
  }
  private open = () => this.col<StoredCase>('cases_open');
  private closed = () => this.col<StoredCase>('cases_closed');
  private threads = () => this.col<{ _id: string; caseId: string }>('case_threads');
  private posts = () => this.col<{ _id: string; caseId: string }>('case_posts');
  private versions = () => this.col<{ _id: string; at: Date }>('case_versions');
  // A story id starts with its first day (YYYYMMDD).
  private storyCases = (story: string) => this.col<{ _id: string }>(`case_story_cases_${story.slice(0, 8)}`);
  private oldStories = (story: string) => this.col<{ _id: string; cases: string[] }>(`case_stories_${story.slice(0, 6)}`);

  /** An open or closed case by id. */
  async get(id: string): Promise<Case | null> {
    const found = (await this.open().findOne({ _id: id })) ?? (await this.closed().findOne({ _id: id }));
    return found && readCase(found);
  }

  /**
   * The open case of each thread that has one, each read by `_id`: a `$in` read decoded every open case's
   * thread on the embedded server (17 s for 100 keys at 100,000 open cases, against 3.3 s for 100 `_id` reads).
   */
  async casesOfThreads(threadKeys: readonly string[]): Promise<Map<string, string>> {
    const found = await Promise.all([...new Set(threadKeys)].map(async (key) => [key, await this.caseOfThread(key)] as const));
    return new Map(found.filter((f): f is [string, string] => f[1] !== null));
  }

  /** The open case a thread key points at, if any. */
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
    const refused = new Set(await insertKeepingFirst(this.open(), cases.map(storedCase)));
    return cases.filter((_, i) => !refused.has(i));
  }

  /** Records the case each follow-up post joined, one insert for a batch (a post keeps the first case it joined). */
  async recordFollowUps(pairs: readonly { post: string; caseId: string }[]): Promise<void> {
    if (pairs.length) await insertKeepingFirst(this.posts(), pairs.map((p) => ({ _id: p.post, caseId: p.caseId })));
  }

  /** The case a follow-up post joined, if any. */
  async caseOfFollowUp(post: string): Promise<string | null> {
    return (await this.posts().findOne({ _id: post }))?.caseId ?? null;
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
    await to.replaceOne({ _id: c._id }, storedCase(c), { upsert: true });
    await from.deleteOne({ _id: c._id });
  }

  /** Records the cases opened from each story's posts: one insert per story day for the batch. */
  async recordStories(pairs: readonly { story: string; caseId: string }[]): Promise<void> {
    const byDay = new Map<string, { _id: string }[]>();
    for (const p of pairs) (byDay.get(p.story.slice(0, 8)) ?? byDay.set(p.story.slice(0, 8), []).get(p.story.slice(0, 8))!).push({ _id: `${p.story}|${p.caseId}` });
    await Promise.all([...byDay.values()].map((docs) => insertKeepingFirst(this.storyCases(docs[0]!._id), docs)));
  }

  /** The cases opened from a story's posts. */
  async casesOfStory(story: string): Promise<string[]> {
    const prefix = `${story}|`;
    const [docs, old] = await Promise.all([this.storyCases(story).find({ _id: { $gte: prefix, $lt: `${story}}` } }).toArray(), this.oldStories(story).findOne({ _id: story })]);
    return [...new Set([...(old?.cases ?? []), ...docs.map((d) => d._id.slice(prefix.length))])];
  }

  /** For the benchmark and bulk seeding: inserts many cases as they are. */
  async insertMany(cases: readonly Case[]): Promise<void> {
    const open = cases.filter((c) => c.state !== 'resolved').map(storedCase);
    const closed = cases.filter((c) => c.state === 'resolved').map(storedCase);
    if (open.length) await this.open().insertMany(open, { ordered: false });
    if (closed.length) await this.closed().insertMany(closed, { ordered: false });
  }
}
