import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Connection, mongo } from 'mongoose';
import { mergeStories, storyDay, type Story } from '../core/stories/story.js';
import { REPS_PER_STORY } from '../core/stories/story-index.js';
import { digestAnswer, edgeDaysToRead, storyDayDigest, type StoryDayDigest } from '../core/stories/day-digest.js';
import { DAY_MS, dayKey, dayOfKey } from '../core/mention/ledger.js';
import { DayDigests } from '../platform/database/day-digests.js';
import { compactPartition, currentDocs, DirtyDays, type DeltaDoc } from '../platform/database/delta-ledger.js';
import { insertKeepingFirst } from '../platform/database/duplicate-keys.js';
import { PartitionIndexes } from '../platform/database/partition-indexes.js';
import { packedLastAt, packStory, reviveDates, unpackStory } from './story-pack.js';
import { ReadMemo } from '../platform/database/read-memo.js';
import { COPIED_DAYS, LateStories } from './late-stories.js';
import { packMember, unpackMember, type StoredMemberDoc, type StoryMember } from './member-pack.js';

export type { StoryMember } from './member-pack.js';

/** A story as stored: the core summary plus its representative signatures (base64). */
export interface StoredStory extends Story {
  _id: string;
  reps: string[];
}

/** A story of a day as a detection pass reads it (see StoriesRepository.dayStories). */
export interface DayStory {
  brand: string;
  /** The latest `lastAt` of its documents (epoch ms; `+Infinity` when one does not tell). */
  lastAt: number;
  /** Its state (folded once, on the first call); undefined when its documents hold only reach changes. */
  state(): StoredStory | undefined;
}

/** A story as lists give it: without its representative signatures (matching state, several KB). */
export type ListedStory = Omit<StoredStory, 'reps'> & { reps?: string[] };

/** A key of the story index (stored by versions before members carried their keys): `_id` is the key, `s` its story. */
export interface StoryKeyDoc {
  _id: string;
  s: string;
}

/**
 * A document of `stories_YYYYMMDD`: a delta or a summary of one story (see platform/database/delta-ledger.ts),
 * the story packed as JSON text in `j`: FerretDB decodes every field of every document a partition read or
 * an `$in` delete touches, and a story as a subdocument (posts, spread, topics, hours, signatures) made a
 * day's partition cost seconds to read. Erasure and retention unpack it (see `STORY_PACKED`). Earlier
 * versions stored it as a subdocument `v`, or whole; both are still read.
 */
export interface StoryDoc extends DeltaDoc {
  s: string;
  brand: string;
  /** What the document adds to the story (absent on a reach change). */
  j?: string;
  v?: StoredStory;
  /** A reach change: engagement a member gained (or lost) since it was last counted. */
  r?: number;
}

/** Engagement a story's member gained since it was last counted (likes + shares + comments). */
export interface ReachChange {
  story: string;
  brand: string;
  reach: number;
  /** Names the delta (`d|story|tag`), so recording it again adds nothing; a fresh id without one. */
  tag?: string;
}

/**
 * A document of `story_reach_later`: a re-sighting's reach change whose story is looked up later (its day is
 * older than the days kept in memory). `_id` is `mention|revision`: the same revision seen twice is one change.
 */
export interface LaterReachDoc {
  _id: string;
  /** The mention key and its day of publication (the member partition that names its story). */
  key: string;
  day: string;
  rev: number;
  brand: string;
  reach: number;
}

const LATER = 'story_reach_later';

/** The fields of story documents that hold JSON text (for erasure and retention, which read posts inside). */
export const STORY_PACKED = ['j'] as const;

const DIRTY = 'stories_dirty';
/** Month partitions of the stories' day digests (`stories_top_YYYYMM`, see StoryDayDigest). */
export const STORY_DIGESTS = 'stories_top_';
const NOTHING: StoryDayDigest<ListedStory> = { lo: null, hi: null, top: [] };

/**
 * The only code that touches the story collections, all partitioned by UTC day so no query reads a
 * collection that grows with history:
 * - `story_members_YYYYMMDD`: mention key → story and the index keys the mention added, by the mention's
 *   day of publication; one insert per mention, read by `_id`, or whole (one day) to warm the hot window;
 * - `stories_YYYYMMDD`: each story in the partition of its first post's day (the id names it), as a
 *   ledger: a batch inserts what it added to each story it touched (a delta), a compaction folds deltas
 *   into a summary, readers add a summary and the deltas it has not folded. Insert-only, so ingest never
 *   reads or replaces a story, and two daemons adding to one story both count.
 */
@Injectable()
export class StoriesRepository {
  private readonly logger = new Logger(StoriesRepository.name);
  private readonly partitions = new PartitionIndexes(() => this.connection.db!);
  private readonly dirty = new DirtyDays(() => this.col<{ _id: string }>(DIRTY));
  /** Copies of the latest summaries by hour and the unfolded deltas, what a detection pass reads (see StoryPass). */
  readonly late: LateStories;
  /** A brand's largest stories of each folded day, what a list over whole days reads instead of the day's partition. */
  private readonly digests: DayDigests<StoryDayDigest<ListedStory>>;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Optional() private readonly memo: ReadMemo = new ReadMemo(),
  ) {
    this.late = new LateStories(() => connection.db!, memo);
    this.digests = new DayDigests(connection, STORY_DIGESTS, (d) => JSON.stringify(d), (_key, text) => JSON.parse(text, reviveDates) as StoryDayDigest<ListedStory>);
  }

  private col<T extends mongo.Document>(name: string) {
    return this.connection.db!.collection<T>(name);
  }

  private stories(day: string) {
    // Served on MongoDB: a brand's stories of a day (top stories of a period); one story's documents.
    return this.partitions.collection<StoryDoc>(`stories_${day}`, { brand: 1 }, { s: 1 });
  }

  /** Index keys of a day stored by earlier versions (members carry them now). */
  async legacyKeysOf(day: string): Promise<StoryKeyDoc[]> {
    return this.col<StoryKeyDoc>(`story_keys_${day}`).find({}).toArray();
  }

  async insertMembers(day: string, members: readonly StoryMember[]): Promise<void> {
    await insertKeepingFirst(this.col<StoredMemberDoc>(`story_members_${day}`), members.map(packMember));
  }

  /** Every member of one day (warming the hot window). */
  async membersOf(day: string): Promise<StoryMember[]> {
    return (await this.col<StoredMemberDoc>(`story_members_${day}`).find({}).toArray()).map(unpackMember);
  }

  /** Which story each member of one day joined (without its index keys): re-sightings of older mentions. */
  async memberStories(day: string): Promise<{ _id: string; s: string }[]> {
    return this.col<StoredMemberDoc>(`story_members_${day}`).find({}, { projection: { s: 1 } }).toArray();
  }

  async memberOf(mention: string, day: string): Promise<StoryMember | null> {
    const doc = await this.col<StoredMemberDoc>(`story_members_${day}`).findOne({ _id: mention });
    return doc && unpackMember(doc);
  }

  async story(id: string): Promise<StoredStory | null> {
    return this.fold(await this.stories(storyDay(id)).find({ s: id }).toArray()).get(id) ?? null;
  }

  /** Records what a batch added to each story it touched: one insert per story day, then the days' dirty markers. */
  async addDeltas(deltas: readonly StoredStory[]): Promise<void> {
    const byDay = new Map<string, StoryDoc[]>();
    // A batch adds to a story once: one id per batch names all its deltas.
    const batch = randomUUID();
    for (const v of deltas) {
      const day = storyDay(v._id);
      (byDay.get(day) ?? byDay.set(day, []).get(day)!).push({ _id: `d|${v._id}|${batch}`, s: v._id, brand: v.brand, kind: 'd', j: packStory(v) });
    }
    for (const [day, docs] of byDay) await insertKeepingFirst(this.stories(day), docs);
    // After the day partitions: a delta that is only there is missed by a pass until the next fold, never counted twice.
    await this.late.addFresh([...byDay.values()].flat());
    // After the deltas: a compactor that removed a marker before these inserts would not see them, but then this re-marks.
    await this.dirty.mark(byDay.keys());
  }

  /** Records reach changes of stories' members (re-sightings with new engagement): one insert per story day. */
  async addReach(changes: readonly ReachChange[]): Promise<void> {
    const byDay = new Map<string, StoryDoc[]>();
    for (const c of changes) {
      const day = storyDay(c.story);
      (byDay.get(day) ?? byDay.set(day, []).get(day)!).push({ _id: `d|${c.story}|${c.tag ?? randomUUID()}`, s: c.story, brand: c.brand, kind: 'd', r: c.reach });
    }
    for (const [day, docs] of byDay) await insertKeepingFirst(this.stories(day), docs);
    await this.late.addFresh([...byDay.values()].flat());
    await this.dirty.mark(byDay.keys());
  }

  /** Queues reach changes whose stories are looked up later: one insert (a revision queued twice is kept once). */
  async deferReach(changes: readonly LaterReachDoc[]): Promise<void> {
    await insertKeepingFirst(this.col<LaterReachDoc>(LATER), changes);
  }

  /** The queued reach changes: a small collection, emptied a day at a time as they are settled. */
  async laterReach(): Promise<LaterReachDoc[]> {
    return this.col<LaterReachDoc>(LATER).find({}).toArray();
  }

  /** Removes settled reach changes by `_id`, a few at a time (a long `$in` is slow on FerretDB). */
  async settledReach(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 50) await this.col<LaterReachDoc>(LATER).deleteMany({ _id: { $in: ids.slice(i, i + 50) } });
  }

  /** A brand's stories (all brands without one) that started on the given days. */
  async storiesOfDays(days: readonly string[], brand?: string): Promise<StoredStory[]> {
    const out: StoredStory[] = [];
    const filter = brand ? { brand } : {};
    for (const day of days) out.push(...(await this.storiesOfDay(day, filter)));
    return out;
  }

  /**
   * Every story that started on one day, each with its brand and the latest `lastAt` of its documents, its state folded
   * only when asked (see StoryPass: a detection pass folds only the stories that can have mentions in its ranges).
   */
  async dayStories(day: string): Promise<DayStory[]> {
    return dayStoriesOf(await this.memo.read(`stories_${day}`, 'documents', () => this.stories(day).find({}).toArray()));
  }

  /** One story's documents in its day partition (a pass's story whose late copy it did not find). */
  async storyDocs(id: string): Promise<StoryDoc[]> {
    return this.stories(storyDay(id)).find({ s: id }).toArray();
  }

  /**
   * The stories of one day partition matching `filter`, folded; kept folded while this process has not written the
   * partition since (see ReadMemo: a replay's passes read the same settled days again and again). Not to be changed.
   */
  private storiesOfDay(day: string, filter: { brand?: string }): Promise<readonly StoredStory[]> {
    return this.memo.read(`stories_${day}`, `folded ${JSON.stringify(filter)}`, async () => [...this.fold(await this.stories(day).find(filter).toArray()).values()]);
  }

  /**
   * A brand's stories that started on the given days, for a list of the `limit` largest over [from, to): a day with
   * nothing unfolded (no dirty marker) gives what its digest answers (see core digestAnswer: nothing when its stories
   * have no mention in the range, its largest when all their mentions are inside it), any other day its partition's
   * stories; an edge day's (mentions inside and outside) once the other days show its digest's largest stand for it (edgeDaysToRead).
   */
  async largestOfDays(days: readonly string[], brand: string, from: Date, to: Date, limit: number): Promise<ListedStory[]> {
    const dirty = await this.dirty.dirtyDays();
    const clean = days.filter((d) => !dirty.has(d)).map((d) => dayOfKey(d)!);
    const digested = clean.length ? await this.digests.read([brand], clean) : new Map<number, Map<string, StoryDayDigest<ListedStory>>>();
    const answers = new Map(days.flatMap((day) => { const d = digested.get(dayOfKey(day)!); return d ? [[day, d.get(brand) ?? NOTHING] as const] : []; }));
    const edges = new Map([...answers].filter(([, d]) => !digestAnswer(d, from.getTime(), to.getTime(), limit)));
    // The partitions left are read at once (the embedded server decodes each whole: the reads overlap rather than queue).
    const known = await Promise.all(days.filter((day) => !edges.has(day)).map((day) => (answers.has(day) ? digestAnswer(answers.get(day)!, from.getTime(), to.getTime(), limit)! : this.storiesOfDay(day, { brand }))));
    const wanted = edgeDaysToRead(known.flat(), edges, from, to, limit);
    const edge = await Promise.all([...edges].map(([day, d]) => (wanted.includes(day) ? this.storiesOfDay(day, { brand }) : d.top)));
    return [...known, ...edge].flat();
  }

  /**
   * Folds the deltas of every day a batch marked into one summary per story, then digests the day. Returns the days
   * compacted. `nowMs` decides which days keep late copies (see LateStories).
   */
  async compact(nowMs = Date.now()): Promise<number> {
    await this.late.dropOld(nowMs);
    const fresh = this.late.freshOnce();
    return this.dirty.foldEach((day) => this.foldDay(day, nowMs, fresh));
  }

  /**
   * Folds and copies every story day of the copies' window that has none yet (`goldenhour migrate`; a daemon's fold
   * does it for a day it folds): returns the days copied.
   */
  async copyMissingDays(nowMs: number): Promise<number> {
    const copied = await this.late.copiedDays();
    const days = Array.from({ length: COPIED_DAYS + 1 }, (_, i) => dayKey(nowMs - i * DAY_MS)).filter((d) => !copied.has(d));
    const held = new Set((await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
    const missing = days.filter((d) => held.has(`stories_${d}`));
    const fresh = this.late.freshOnce();
    for (const day of missing) await this.foldDay(day, nowMs, fresh);
    return missing.length;
  }

  /**
   * Digests every story day partition that has no digest (stories written by a goldenhour before digests,
   * `goldenhour migrate`): returns the days digested.
   */
  async digestMissingDays(nowMs = Date.now()): Promise<number> {
    const days = (await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()).flatMap((c) => /^stories_(\d{8})$/.exec(c.name)?.[1] ?? []);
    const done = await this.digests.complete(days);
    const missing = days.filter((d) => !done.has(d));
    const fresh = this.late.freshOnce();
    for (const day of missing) await this.foldDay(day, nowMs, fresh);
    return missing.length;
  }

  /** Removes the digests of a day (its stories changed outside the ledger: retention); the day is read from its partition. */
  async forgetDigest(day: string): Promise<void> {
    await this.digests.clear(dayOfKey(day)!, dayOfKey(day)! + DAY_MS);
  }

  /**
   * Folds one day's deltas and writes the day's digest from the summaries the fold leaves. When another
   * compactor won a story, or the digest's generation, the day is marked again: the next fold digests it.
   */
  private async foldDay(day: string, nowMs: number, fresh: () => Promise<Map<string, StoryDoc[]>>): Promise<void> {
    const latest = new Map<string, StoryDoc>();
    // The summaries this fold writes, each with the one it replaces.
    const written = new Map<string, StoryDoc | undefined>();
    const lost = await compactPartition(
      this.stories(day),
      (d) => d.s,
      (s, gen, include, folded) => {
        written.set(s, include[0]!.kind === 'd' ? undefined : include[0]);
        return { _id: `s|${s}|${gen}`, s, brand: include[0]!.brand, kind: 's', gen, folded: JSON.stringify(folded), ...packed(foldedState(include)) };
      },
      (s, summary) => latest.set(s, summary),
    );
    const summaries = [...latest.values()];
    // Copies before the digest, fresh deltas removed after it: a reader always finds a delta in one or the other.
    const copied = await this.late.copy(day, (await fresh()).get(day) ?? [], latest, new Map([...written].filter(([s]) => latest.has(s))), nowMs);
    if (lost.length) {
      this.logger.debug({ event: 'story_compaction_lost', day, stories: lost.length });
      return this.dirty.markAgain(day);
    }
    const byBrand = new Map<string, ListedStory[]>();
    for (const d of summaries) {
      const state = foldedState([d]);
      if (!state.story) continue;
      const { reps: _r, ...story } = state.story;
      (byBrand.get(d.brand) ?? byBrand.set(d.brand, []).get(d.brand)!).push(story);
    }
    const digests = new Map([...byBrand].map(([brand, stories]) => [brand, storyDayDigest(stories)] as const).filter(([, d]) => d.top.length));
    if (!(await this.digests.write(dayOfKey(day)!, digests))) await this.dirty.markAgain(day);
    await this.late.dropFresh(copied);
  }

  /** Each story's current state from its documents of one partition. */
  private fold(docs: readonly StoryDoc[]): Map<string, StoredStory> {
    const out = new Map<string, StoredStory>();
    for (const [id, chosen] of currentDocs(docs, (d) => d.s ?? d._id)) {
      const state = foldedState(chosen);
      if (state.story) out.set(id, state.story);
    }
    return out;
  }
}

/**
 * What a story's documents add up to: the story with the reach changes in it, or, while only reach changes
 * are present (the story's own documents not yet visible), those changes alone, to keep.
 */
function foldedState(docs: readonly StoryDoc[]): { story?: StoredStory; reach: number } {
  const parts = docs.filter((d) => d.r === undefined).map(storyOfDoc);
  const reach = docs.reduce((n, d) => n + (d.r ?? 0), 0);
  if (!parts.length) return { reach };
  const story = foldStories(parts);
  return { story: reach ? { ...story, reach: story.reach + reach } : story, reach: 0 };
}

/** A summary's content: the story packed as JSON text, or the reach changes alone. */
function packed(state: { story?: StoredStory; reach: number }): Pick<StoryDoc, 'j' | 'r'> {
  return state.story ? { j: packStory(state.story) } : { r: state.reach };
}


/** The stories of a set of story documents (a day partition's, or a pass's copies and fresh deltas), each folded when asked. */
export function dayStoriesOf(docs: readonly StoryDoc[]): DayStory[] {
  const out: DayStory[] = [];
  for (const [, chosen] of currentDocs(docs, (d) => d.s ?? d._id)) {
    let state: StoredStory | undefined | null = null;
    out.push({ brand: chosen[0]!.brand, lastAt: lastAtOf(chosen), state: () => (state === null ? (state = foldedState(chosen).story) : state) });
  }
  return out;
}

/** The latest `lastAt` (epoch ms) of a story's content documents, without folding them (`+Infinity` when one does not tell). */
function lastAtOf(docs: readonly StoryDoc[]): number {
  let last = -Infinity;
  for (const d of docs) {
    // A reach change adds no mention (foldedState leaves it out of the parts).
    if (d.r !== undefined) continue;
    const at = d.j ? packedLastAt(d.j) : new Date(storyOfDoc(d).lastAt).getTime();
    if (Number.isNaN(at)) return Infinity;
    last = Math.max(last, at);
  }
  return last;
}

/** A story document's state: its `j`, its `v` (earlier versions), or for one stored whole (earlier still) the document itself. */
function storyOfDoc(d: StoryDoc): StoredStory {
  if (d.j) return unpackStory<StoredStory>(d.j);
  if (d.v) return d.v;
  const { kind: _k, gen: _g, folded: _f, ...whole } = d as unknown as StoredStory & DeltaDoc;
  return whole;
}

/** Adds parts of one story; representative signatures are the first ones seen, without repeats. */
function foldStories(parts: readonly StoredStory[]): StoredStory {
  let out = parts[0]!;
  for (const p of parts.slice(1)) {
    out = { ...mergeStories(out, p), _id: out._id, reps: [...new Set([...out.reps, ...p.reps])].slice(0, REPS_PER_STORY) };
  }
  return out;
}
