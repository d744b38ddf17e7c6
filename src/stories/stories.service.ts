import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { postFeatures, type StoryPost } from '../core/stories/features.js';
import { addToStory, storiesBehind, storyRef, type StoryRef } from '../core/stories/story.js';
import { StoryIndex, WINDOW_DAYS, type IndexEntries } from '../core/stories/story-index.js';
import { byLargest, listedMentions } from '../core/stories/day-digest.js';
import { BrandsService } from '../brands/brands.service.js';
import { dayStart, daysBetween, utcDay } from '../core/mention/mention-state.js';
import type { StoredMention } from '../mentions/mention.js';
import type { EngagementChange } from '../mentions/negatives.repository.js';
import { Clock } from '../platform/clock.js';
import { InTurn } from '../platform/in-turn.js';
import { Readiness } from '../platform/health/readiness.js';
import { Runtime } from '../platform/runtime.js';
import { OlderMembers } from './older-members.js';
import { StoryPass } from './story-pass.js';
import { StoriesRepository, type LaterReachDoc, type ListedStory, type ReachChange, type StoredStory, type StoryKeyDoc, type StoryMember } from './stories.repository.js';

const DAY = 86_400_000;
/**
 * Stories at ingest: each newly stored mention is assigned to a story by the core index (see
 * core/stories/story-index.ts), and what changed is inserted at once: the mention's membership with the
 * index keys it added (one document per mention) and, per story the batch touched, what the batch added
 * to it (a delta; see StoriesRepository). The hot window lives in memory and is warmed from the member
 * partitions of its days the first time a day is needed, so assigning a mention reads nothing from the
 * database and no story document is ever read or rewritten at ingest.
 */
/** Days of queued reach changes a compaction pass settles (each reads that day's members once). */
const LATER_DAYS_A_PASS = 4;

@Injectable()
export class StoriesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StoriesService.name);
  private readonly index = new StoryIndex();
  private readonly warmed = new Set<string>();
  /** Which story each mention of the hot window joined, by its day of publication: re-sightings find it here. */
  private readonly hotMembers = new Map<string, Map<string, string>>();
  private readonly older: OlderMembers;
  /** Batches and the window's warm-up, one at a time. */
  private readonly turns = new InTurn();

  constructor(
    private readonly repo: StoriesRepository,
    private readonly brands: BrandsService,
    private readonly clock: Clock,
    private readonly readiness: Readiness,
    private readonly runtime: Runtime,
  ) {
    this.older = new OlderMembers();
  }

  /**
   * A daemon loads the hot window in the background at start, so the first batch does not wait for it (at a
   * million stored mentions its three days of members took the first push requests about 9 s). Batches arriving
   * meanwhile queue behind it, as they queue behind each other; `/readyz` does not wait for it.
   */
  onApplicationBootstrap(): void {
    if (this.runtime.scheduling) this.readiness.trackInBackground('story window', this.warmWindow());
  }

  /** Loads the hot window a mention published now needs (its days not yet loaded), in turn with the batches. */
  warmWindow(): Promise<void> {
    const now = this.clock.now().getTime();
    return this.turns.run(() => this.warmDays(windowDays([now])));
  }

  /**
   * Assigns newly stored mentions to stories and stores the result, and adds to the stories' reach what
   * re-seen mentions gained in engagement. Batches run one at a time.
   */
  record(mentions: readonly StoredMention[], reseen: readonly EngagementChange[] = []): Promise<void> {
    return this.turns.run(async () => {
      await this.assign(mentions);
      await this.addReach(reseen);
    });
  }

  /** One story by id, or null. */
  async get(id: string): Promise<StoredStory | null> {
    return this.repo.story(id);
  }

  /** Digests every story day stored before digests (`goldenhour migrate`); returns the days digested. */
  digestMissingDays(): Promise<number> {
    return this.repo.digestMissingDays(this.clock.now().getTime());
  }

  /** Folds and copies the recent story days that have no late copies yet (see StoriesRepository.copyMissingDays). */
  copyMissingDays(now: Date): Promise<number> {
    return this.repo.copyMissingDays(now.getTime());
  }

  /** Settles a day of later reach changes, then folds the stories' deltas into summaries (the ledger compaction job runs it). */
  async compact(): Promise<number> {
    // Before folding: a settle cut short is done again on the next pass, its named deltas refused as already there.
    await this.settleLaterReach();
    return this.repo.compact(this.clock.now().getTime());
  }

  /**
   * Reach changes of re-sightings of days not kept in memory (see addReach), up to LATER_DAYS_A_PASS days of
   * publication a pass, the oldest first: each day's members are read once (one partition) to find their
   * stories, each change becomes a reach delta named after its mention and revision, and the queued changes
   * go. A mention whose day was purged (no members) changes nothing. Returns how many changes were settled.
   */
  async settleLaterReach(): Promise<number> {
    const queued = await this.repo.laterReach();
    let settled = 0;
    for (const day of [...new Set(queued.map((c) => c.day))].sort().slice(0, LATER_DAYS_A_PASS)) {
      const ofDay = queued.filter((c) => c.day === day);
      settled += ofDay.length;
      const stories = new Map((await this.repo.memberStories(day)).map((m) => [m._id, m.s]));
      // Read anyway: later re-sightings of this day move their story's reach at ingest again.
      if (this.older.covers(day, this.newestDay())) this.older.keep(day, stories);
      const changes: ReachChange[] = [];
      for (const c of ofDay) {
        const story = stories.get(c.key);
        if (story) changes.push({ story, brand: c.brand, reach: c.reach, tag: `later:${c._id}` });
      }
      if (changes.length) await this.repo.addReach(changes);
      await this.repo.settledReach(ofDay.map((c) => c._id));
    }
    return settled;
  }

  /**
   * The story a mention joined, or null (mentions stored before stories existed have none): from the hot
   * window this process keeps (a batch's new cases ask right after their mentions were assigned), read by
   * `_id` otherwise.
   */
  async storyOf(mention: string, publishedAt: Date): Promise<string | null> {
    const day = utcDay(publishedAt);
    return this.hotMembers.get(day)?.get(mention) ?? (await this.repo.memberOf(mention, day))?.s ?? null;
  }

  /**
   * A brand's stories with mentions in [from, to), largest in the range first, each with `inRange` (its
   * mentions published in the range): read from the story partitions of the days a story active in the
   * range can have started on (the range and the window before it).
   */
  async list(q: { brand?: string; from: Date; to: Date; limit: number }, pass?: StoryPass): Promise<(ListedStory & { inRange: number })[]> {
    const days = daysBetween(q.from.getTime() - (WINDOW_DAYS - 1) * DAY, q.to.getTime());
    // A brand's whole settled days come from their digests (the same largest stories: byLargest is a total order);
    // in a detection pass, from the partitions the pass reads once for all brands.
    const found = !q.brand ? await this.repo.storiesOfDays(days) : pass ? await pass.stories(days, q.brand, q.from) : await this.repo.largestOfDays(days, q.brand, q.from, q.to, q.limit);
    return found
      // Without its representative signatures (matching state, not shown; the digests do not keep them).
      .map(({ reps: _r, ...s }) => ({ ...s, inRange: listedMentions(s, q.from, q.to) }))
      .filter((s) => s.inRange > 0)
      .sort(byLargest)
      .slice(0, q.limit);
  }

  /** The story of a mention published in the hot window before `now` (a viral post's story), or null. */
  async storyOfRecent(mention: string, now: Date): Promise<StoryRef | null> {
    for (let d = 0; d < WINDOW_DAYS; d++) {
      const member = await this.repo.memberOf(mention, utcDay(now.getTime() - d * DAY));
      const story = member && (await this.get(member.s));
      if (story) return storyRef(story, story.mentions);
    }
    return null;
  }

  /** The stories behind a signal of a brand (on its platform or topic) with mentions in [from, to), largest first. */
  async behind(q: { brand: string; platform?: string; topic?: string; negative?: boolean; from: Date; to: Date; limit: number }, pass?: StoryPass): Promise<StoryRef[]> {
    const days = daysBetween(q.from.getTime() - (WINDOW_DAYS - 1) * DAY, q.to.getTime());
    return storiesBehind(pass ? await pass.stories(days, q.brand, q.from) : await this.repo.storiesOfDays(days, q.brand), q, q.from, q.to, q.limit);
  }

  /** The story reads of one detection pass: each collection read once for every brand and signal (see StoryPass). */
  storyPass(): StoryPass {
    const late = this.repo.late;
    return new StoryPass({
      day: (day) => this.repo.dayStories(day),
      copiedDays: () => late.copiedDays(),
      hours: () => late.hourNames(),
      fresh: () => late.fresh(),
      hour: (name) => late.hour(name),
      storyDocs: (id) => this.repo.storyDocs(id),
    });
  }

  private async assign(mentions: readonly StoredMention[]): Promise<void> {
    if (!mentions.length) return;
    const sorted = [...mentions].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
    await this.warmDays(windowDays(sorted.map((m) => m.publishedAt.getTime())));
    const names = new Map<string, readonly string[]>();
    for (const m of sorted) if (!names.has(m.brand)) names.set(m.brand, await this.brands.neutralNames(m.brand));
    const members = new Map<string, StoryMember[]>();
    // What this batch adds to each story it touched: the stored story is neither read nor rewritten.
    const added = new Map<string, StoredStory>();
    for (const m of sorted) {
      const post = postOf(m, names.get(m.brand)!);
      const a = this.index.assign(post, postFeatures(post));
      const member = { _id: m._id, s: a.story, by: a.by, evidence: a.added.evidence.map(([k]) => k), bands: a.added.bands.map(([k]) => k) };
      pushTo(members, utcDay(m.publishedAt), member);
      const before = added.get(a.story) ?? null;
      // addToStory returns a new object, so it is completed in place. A delta carries the signatures it adds
      // (summing parts keeps each once), so a signature is encoded once, when the story gains it.
      const delta = addToStory(before, a.story, post) as StoredStory;
      delta._id = a.story;
      delta.reps = a.reps ? [...(before?.reps ?? []), encodeSignature(a.reps.at(-1)!)] : (before?.reps ?? []);
      added.set(a.story, delta);
    }
    for (const [day, list] of members) {
      await this.repo.insertMembers(day, list);
      this.remember(day, list);
    }
    await this.repo.addDeltas([...added.values()]);
  }

  /**
   * Reach follows the latest engagement: a re-seen mention adds what it gained since its last revision
   * (exact per revision, so daemons sharing a store never count a gain twice), found in the hot window or,
   * for an older mention, in the members of the days kept in memory (see OlderMembers): a post found again
   * days later still moves its story. One of a day not kept is queued and settled by the next compaction pass
   * (see settleLaterReach): ingest then inserts only, whatever the post's age.
   */
  private async addReach(reseen: readonly EngagementChange[]): Promise<void> {
    const byStory = new Map<string, ReachChange>();
    const later: LaterReachDoc[] = [];
    const newest = this.newestDay();
    for (const c of reseen) {
      const gained = c.previous ? reachOf(c.engagement) - reachOf(c.previous) : 0;
      if (!gained) continue;
      const hot = this.hotMembers.get(c.day);
      const older = hot ? undefined : this.older.storyOf(c.day, c.key, newest);
      if (older && !older.kept) {
        later.push({ _id: `${c.key}|${c.rev}`, key: c.key, day: c.day, rev: c.rev, brand: c.brand, reach: gained });
        continue;
      }
      const story = hot ? hot.get(c.key) : older?.story;
      if (!story) continue;
      const r = byStory.get(story) ?? byStory.set(story, { story, brand: c.brand, reach: 0 }).get(story)!;
      r.reach += gained;
    }
    const changes = [...byStory.values()].filter((r) => r.reach !== 0);
    if (changes.length) await this.repo.addReach(changes);
    if (later.length) await this.repo.deferReach(later);
  }

  /** The newest day of the hot window (undefined before any). */
  private newestDay(): string | undefined {
    return [...this.hotMembers.keys()].sort().at(-1);
  }

  /** Keeps the members of the hot window's days, dropping days older than the window. */
  private remember(day: string, members: readonly { _id: string; s: string }[]): void {
    const map = this.hotMembers.get(day) ?? this.hotMembers.set(day, new Map()).get(day)!;
    for (const m of members) map.set(m._id, m.s);
    const newest = [...this.hotMembers.keys()].sort().at(-1)!;
    const oldest = utcDay(dayStart(newest) - (WINDOW_DAYS - 1) * DAY);
    for (const [d, leaving] of this.hotMembers) {
      if (d >= oldest) continue;
      this.older.keep(d, leaving);
      this.hotMembers.delete(d);
    }
  }

  /** Loads the window's index keys and stories of each day a batch needs for the first time. */
  private async warmDays(days: readonly string[]): Promise<void> {
    for (const day of days) {
      if (this.warmed.has(day)) continue;
      this.warmed.add(day);
      const entries = entriesOf(dayStart(day) / DAY, await this.repo.legacyKeysOf(day));
      const members = await this.repo.membersOf(day);
      for (const member of members) {
        for (const k of member.evidence) entries.evidence.push([k, member.s]);
        for (const k of member.bands) entries.bands.push([k, member.s]);
      }
      this.remember(day, members);
      const keys = entries.evidence.length + entries.bands.length;
      if (keys) this.index.restore(entries);
      for (const s of await this.repo.storiesOfDays([day])) {
        this.index.restoreStory(s._id, s.reps.map(decodeSignature), Math.floor(s.lastAt.getTime() / DAY));
      }
      if (keys) this.logger.log({ event: 'story_window_warmed', day, keys });
    }
  }
}

/** The days of the hot window that mentions published at these times need, oldest first. */
function windowDays(times: readonly number[]): string[] {
  const days = new Set<string>();
  for (const t of times) for (let d = 0; d < WINDOW_DAYS; d++) days.add(utcDay(t - d * DAY));
  return [...days].sort();
}

function reachOf(e: { likes: number; shares: number; comments: number }): number {
  return e.likes + e.shares + e.comments;
}

/** A mention as story matching reads it, with its brand's names (which say nothing about the story). */
function postOf(m: StoredMention, names: readonly string[]): StoryPost {
  const e = m.engagement;
  return {
    id: m._id,
    brand: m.brand,
    platform: m.platform,
    text: m.text,
    ...(m.title ? { title: m.title } : {}),
    ...(m.url ? { url: m.url } : {}),
    ...(m.author ? { author: { ...(m.author.name ? { name: m.author.name } : {}), ...(m.author.handle ? { handle: m.author.handle } : {}) } } : {}),
    publishedAt: m.publishedAt,
    reach: reachOf(e),
    polarity: m.sentiment.label,
    topics: m.keywords,
    names,
  };
}

function pushTo<T>(m: Map<string, T[]>, key: string, item: T): void {
  (m.get(key) ?? m.set(key, []).get(key)!).push(item);
}

function entriesOf(day: number, docs: readonly StoryKeyDoc[]): IndexEntries {
  const out: IndexEntries = { day, evidence: [], bands: [] };
  for (const d of docs) {
    if (d._id.startsWith('e')) out.evidence.push([d._id.slice(1), d.s]);
    else out.bands.push([Number(d._id.slice(1)), d.s]);
  }
  return out;
}

export function encodeSignature(sig: Uint32Array): string {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64');
}

function decodeSignature(text: string): Uint32Array {
  const b = Buffer.from(text, 'base64');
  return new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}
