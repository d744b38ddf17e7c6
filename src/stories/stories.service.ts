import { Injectable, Logger } from '@nestjs/common';
import { postFeatures, type StoryPost } from '../core/stories/features.js';
import { addToStory, storiesBehind, storyRef, type StoryRef } from '../core/stories/story.js';
import { StoryIndex, WINDOW_DAYS, type IndexEntries } from '../core/stories/story-index.js';
import { BrandsService } from '../brands/brands.service.js';
import { daysBetween, utcDay } from '../core/mention/mention-state.js';
import type { StoredMention } from '../mentions/mention.js';
import { StoriesRepository, type StoredStory, type StoryKeyDoc, type StoryMemberDoc } from './stories.repository.js';

const DAY = 86_400_000;
/** Story documents kept in memory between batches (the hot window's stories; the least recently touched go first). */
const STORIES_CACHED = 50_000;

/**
 * Stories at ingest: each newly stored mention is assigned to a story by the core index (see
 * core/stories/story-index.ts), and what changed is written at once: the new index keys (inserts), the
 * mention's membership (insert) and each touched story document (replaced by `_id`). The hot window lives
 * in memory and is warmed from the key partitions of its days the first time a day is needed, so
 * assigning a mention reads nothing from the database.
 */
@Injectable()
export class StoriesService {
  private readonly logger = new Logger(StoriesService.name);
  private readonly index = new StoryIndex();
  private readonly warmed = new Set<string>();
  private readonly cache = new Map<string, StoredStory>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly repo: StoriesRepository,
    private readonly brands: BrandsService,
  ) {}

  /** Assigns newly stored mentions to stories and stores the result. Batches run one at a time. */
  record(mentions: readonly StoredMention[]): Promise<void> {
    const run = this.queue.then(() => this.assign(mentions));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** One story by id, or null. */
  async get(id: string): Promise<StoredStory | null> {
    return this.cache.get(id) ?? (await this.repo.story(id));
  }

  /** The story a mention joined, or null (mentions stored before stories existed have none). */
  async storyOf(mention: string, publishedAt: Date): Promise<string | null> {
    return (await this.repo.memberOf(mention, utcDay(publishedAt)))?.s ?? null;
  }

  /**
   * A brand's stories with mentions in [from, to), largest first: read from the story partitions of the
   * days a story active in the range can have started on (the range and the window before it).
   */
  async list(q: { brand?: string; from: Date; to: Date; limit: number }): Promise<StoredStory[]> {
    const days = daysBetween(q.from.getTime() - (WINDOW_DAYS - 1) * DAY, q.to.getTime());
    const found = await this.repo.storiesOfDays(days, q.brand);
    return found
      .filter((s) => s.lastAt.getTime() >= q.from.getTime() && s.first.publishedAt.getTime() < q.to.getTime())
      .sort((a, b) => b.mentions - a.mentions || b.reach - a.reach)
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
  async behind(q: { brand: string; platform?: string; topic?: string; negative?: boolean; from: Date; to: Date; limit: number }): Promise<StoryRef[]> {
    const days = daysBetween(q.from.getTime() - (WINDOW_DAYS - 1) * DAY, q.to.getTime());
    return storiesBehind(await this.repo.storiesOfDays(days, q.brand), q, q.from, q.to, q.limit);
  }

  private async assign(mentions: readonly StoredMention[]): Promise<void> {
    if (!mentions.length) return;
    const sorted = [...mentions].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
    await this.warm(sorted);
    const keys = new Map<string, StoryKeyDoc[]>();
    const members = new Map<string, StoryMemberDoc[]>();
    const touched = new Map<string, StoredStory>();
    const fresh = new Set<string>();
    for (const m of sorted) {
      const post = await this.postOf(m);
      const a = this.index.assign(post, postFeatures(post));
      pushAll(keys, utcDay(a.added.day * DAY), keyDocs(a.added));
      pushAll(members, utcDay(m.publishedAt), [{ _id: m._id, s: a.story, by: a.by }]);
      // A story this post started has nothing stored yet: no read.
      if (a.by === 'new' && !touched.has(a.story)) fresh.add(a.story);
      const before = touched.get(a.story) ?? (a.by === 'new' ? null : await this.load(a.story));
      const story: StoredStory = { ...addToStory(before, a.story, post), _id: a.story, reps: a.reps ? a.reps.map(encodeSignature) : (before?.reps ?? []) };
      touched.set(a.story, story);
      this.remember(story);
    }
    for (const [day, list] of keys) await this.repo.insertKeys(day, list);
    for (const [day, list] of members) await this.repo.insertMembers(day, list);
    await this.repo.saveStories([...touched.values()], fresh);
  }

  private async load(id: string): Promise<StoredStory | null> {
    return this.cache.get(id) ?? (await this.repo.story(id));
  }

  /** Loads the window's keys and stories of each day a batch needs for the first time. */
  private async warm(mentions: readonly StoredMention[]): Promise<void> {
    const days = new Set<string>();
    for (const m of mentions) for (let d = 0; d < WINDOW_DAYS; d++) days.add(utcDay(m.publishedAt.getTime() - d * DAY));
    for (const day of [...days].sort()) {
      if (this.warmed.has(day)) continue;
      this.warmed.add(day);
      const docs = await this.repo.keysOf(day);
      if (docs.length) this.index.restore(entriesOf(Date.parse(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}T00:00:00Z`) / DAY, docs));
      for (const s of await this.repo.storiesOfDays([day])) {
        this.index.restoreStory(s._id, s.reps.map(decodeSignature), Math.floor(s.lastAt.getTime() / DAY));
      }
      if (docs.length) this.logger.log({ event: 'story_window_warmed', day, keys: docs.length });
    }
  }

  private async postOf(m: StoredMention): Promise<StoryPost> {
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
      reach: e.likes + e.shares + e.comments,
      polarity: m.sentiment.label,
      topics: m.keywords,
      names: await this.brands.neutralNames(m.brand),
    };
  }

  private remember(story: StoredStory): void {
    this.cache.delete(story._id);
    this.cache.set(story._id, story);
    if (this.cache.size > STORIES_CACHED) this.cache.delete(this.cache.keys().next().value!);
  }
}

function pushAll<T>(m: Map<string, T[]>, key: string, items: readonly T[]): void {
  if (items.length) (m.get(key) ?? m.set(key, []).get(key)!).push(...items);
}

/** Index keys as documents: evidence keys prefixed "e", band keys "b" and their number. */
function keyDocs(added: IndexEntries): StoryKeyDoc[] {
  return [...added.evidence.map(([k, s]) => ({ _id: `e${k}`, s })), ...added.bands.map(([k, s]) => ({ _id: `b${k}`, s }))];
}

function entriesOf(day: number, docs: readonly StoryKeyDoc[]): IndexEntries {
  const out: IndexEntries = { day, evidence: [], bands: [] };
  for (const d of docs) {
    if (d._id.startsWith('e')) out.evidence.push([d._id.slice(1), d.s]);
    else out.bands.push([Number(d._id.slice(1)), d.s]);
  }
  return out;
}

function encodeSignature(sig: Uint32Array): string {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64');
}

function decodeSignature(text: string): Uint32Array {
  const b = Buffer.from(text, 'base64');
  return new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}
