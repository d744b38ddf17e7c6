import type { mongo } from 'mongoose';
import { storyDay } from '../core/stories/story.js';
import { DAY_MS, dayKey } from '../core/mention/ledger.js';
import { WINDOW_DAYS } from '../core/stories/story-index.js';
import { deleteIds, type DeltaDoc } from '../platform/database/delta-ledger.js';
import { insertKeepingFirst } from '../platform/database/duplicate-keys.js';
import type { ReadMemo } from '../platform/database/read-memo.js';
import { packedLastAt } from './story-pack.js';

/** What the copies need of a story document (see StoriesRepository's StoryDoc). */
export interface StoryDoc extends DeltaDoc {
  s: string;
  brand: string;
  j?: string;
  r?: number;
}

/** Story deltas and reach changes not yet folded, in one small collection the fold empties. */
export const FRESH = 'stories_fresh';
/** Copies of each story's latest summary, by the UTC hour of its `lastAt`: `stories_late_YYYYMMDD_HH`. */
const LATE = 'stories_late_';
/** The collections holding copies of story documents (erasure and retention rewrite them with the day partitions). */
export const STORY_COPIES = /^stories_(late_\d{8}_\d\d|fresh)$/;
const HOUR_NAME = /^stories_late_(\d{8})_(\d\d)$/;
/** The story days whose every summary has its late copy (`_id` the day): readers use the copies only for those. */
const COPIED = 'stories_copied';
/** Story days whose copies are kept: the stories' window plus the day before it (a pass's `from` reaches back an hour). */
export const COPIED_DAYS = WINDOW_DAYS + 1;

/** The collection of the hour of a story's `lastAt` (epoch ms). */
export function hourOf(lastAt: number): string {
  const iso = new Date(lastAt).toISOString();
  return `${LATE}${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 13)}`;
}

/** The late hours among collection names, oldest first. */
function lateHours(names: readonly string[]): string[] {
  return names.filter((n) => HOUR_NAME.test(n)).sort();
}

/** Start (epoch ms) of the hour a late collection holds. */
export function hourStart(name: string): number {
  const m = HOUR_NAME.exec(name)!;
  return Date.UTC(Number(m[1]!.slice(0, 4)), Number(m[1]!.slice(4, 6)) - 1, Number(m[1]!.slice(6, 8)), Number(m[2]));
}

/**
 * The story copies a detection pass reads instead of whole day partitions (see StoryPass): each story's latest
 * summary in the hour of its `lastAt` (the fold writes it, then removes the previous generation's copy), and every
 * delta in `stories_fresh` until a fold has copied a summary that includes it. The day partitions stay the truth
 * every other reader uses; these are copies, written after them.
 */
export class LateStories {
  private cutoff = '';

  /** `memo`: a replay's reads kept until this process writes the collection (see ReadMemo; off in a daemon). */
  constructor(
    private readonly db: () => mongo.Db,
    private readonly memo: ReadMemo,
  ) {}

  private col(name: string) {
    return this.db().collection<StoryDoc>(name);
  }

  /** Ingest: the deltas a batch inserted into day partitions, once more (one insert). */
  async addFresh(docs: readonly StoryDoc[]): Promise<void> {
    if (docs.length) await insertKeepingFirst(this.col(FRESH), docs);
  }

  /**
   * After a fold of one day: `fresh` is the day's part of `freshByDay`, read once for all the days a compaction folds
   * (a delta written since stays in `stories_fresh` for a later fold: a pass skips it, as the copy lists it as folded).
   * Copies the summaries it wrote (`written`: each with the summary it replaced, if any) —
   * every latest summary of the day, when the day has no copies yet — and those whose fresh deltas are still in
   * `stories_fresh`; removes the replaced copies. A day older than the copies kept gets none. Returns the fresh deltas the copies include, to remove once the
   * day's digest is written.
   */
  async copy(day: string, fresh: readonly StoryDoc[], latest: ReadonlyMap<string, StoryDoc>, written: ReadonlyMap<string, StoryDoc | undefined>, nowMs: number): Promise<string[]> {
    const foldedBy = new Map([...latest].map(([s, d]) => [s, new Set(JSON.parse(d.folded ?? '[]') as string[])] as const));
    // A day older than the copies kept is read from its partition: its fresh deltas go once folded, without copies.
    const old = day < dayKey(nowMs - COPIED_DAYS * DAY_MS);
    const done = fresh.filter((d) => (old || latest.get(d.s)?.j !== undefined) && foldedBy.get(d.s)?.has(d._id));
    if (old) return done.map((d) => d._id);
    const marked = (await this.col(COPIED).findOne({ _id: day })) !== null;
    const toCopy = new Set(marked ? [...written.keys(), ...done.map((d) => d.s)] : latest.keys());
    const byHour = new Map<string, StoryDoc[]>();
    for (const s of toCopy) {
      const d = latest.get(s);
      if (!d?.j) continue;
      const hour = hourOf(packedLastAt(d.j));
      (byHour.get(hour) ?? byHour.set(hour, []).get(hour)!).push(d);
    }
    for (const [hour, docs] of byHour) await insertKeepingFirst(this.col(hour), docs);
    const replaced = new Map<string, string[]>();
    for (const [s, prev] of written) {
      if (!prev?.j || !latest.get(s)?.j) continue;
      const hour = hourOf(packedLastAt(prev.j));
      (replaced.get(hour) ?? replaced.set(hour, []).get(hour)!).push(prev._id);
    }
    for (const [hour, ids] of replaced) await deleteIds(this.col(hour), ids);
    if (!marked) await insertKeepingFirst(this.col(COPIED), [{ _id: day } as StoryDoc]);
    return done.map((d) => d._id);
  }

  /** `freshByDay`, read when a fold first needs it and once for all the days folded after it (see copy). */
  freshOnce(): () => Promise<Map<string, StoryDoc[]>> {
    let read: Promise<Map<string, StoryDoc[]>> | null = null;
    return () => (read ??= this.freshByDay());
  }

  /** The unfolded deltas by story day. */
  async freshByDay(): Promise<Map<string, StoryDoc[]>> {
    const byDay = new Map<string, StoryDoc[]>();
    for (const d of await this.col(FRESH).find({}).toArray()) (byDay.get(storyDay(d.s)) ?? byDay.set(storyDay(d.s), []).get(storyDay(d.s))!).push(d);
    return byDay;
  }

  /** Removes fresh deltas whose summaries are copied. */
  async dropFresh(ids: readonly string[]): Promise<void> {
    await deleteIds(this.col(FRESH), ids);
  }

  /** Drops the hours and markers of story days older than the copies kept (once a day per process). */
  async dropOld(nowMs: number): Promise<void> {
    const cutoff = dayKey(nowMs - COPIED_DAYS * DAY_MS);
    if (cutoff === this.cutoff) return;
    for (const name of await this.hourNames()) if (HOUR_NAME.exec(name)![1]! < cutoff) await this.db().dropCollection(name);
    const old = (await this.col(COPIED).find({}).toArray()).filter((m) => m._id < cutoff).map((m) => m._id);
    await deleteIds(this.col(COPIED), old);
    // No pass reads these days from the copies any more (its window is shorter): fresh deltas a fold never removed
    // (written after the read of a day's last fold) go with them.
    await deleteIds(this.col(FRESH), [...(await this.freshByDay())].flatMap(([day, docs]) => (day < cutoff ? docs.map((d) => d._id) : [])));
    this.cutoff = cutoff;
  }

  /** The story days that have their copies. */
  async copiedDays(): Promise<Set<string>> {
    return new Set((await this.memo.read(COPIED, 'documents', () => this.col(COPIED).find({}).toArray())).map((m) => m._id));
  }

  /** The late hours held, oldest first (listed by name: a pass does not list every collection of the database). */
  async hourNames(): Promise<string[]> {
    return lateHours((await this.db().listCollections({ name: { $regex: `^${LATE}` } }, { nameOnly: true }).toArray()).map((c) => c.name));
  }

  async fresh(): Promise<StoryDoc[]> {
    return this.memo.read(FRESH, 'documents', () => this.col(FRESH).find({}).toArray());
  }

  async hour(name: string): Promise<StoryDoc[]> {
    return this.memo.read(name, 'documents', () => this.col(name).find({}).toArray());
  }

  /**
   * Retention: rewrites the copies of one story day's documents (`update`: the `$set` for a document, null to keep it),
   * by `_id`. Returns how many it rewrote.
   */
  async rewrite(day: string, update: (d: StoryDoc) => Record<string, unknown> | null): Promise<number> {
    let n = 0;
    for (const name of [FRESH, ...(await this.hourNames())]) {
      for (const d of await this.col(name).find({}).toArray()) {
        const set = storyDay(d.s) === day ? update(d) : null;
        if (!set) continue;
        await this.col(name).updateOne({ _id: d._id }, { $set: set });
        n++;
      }
    }
    return n;
  }
}
