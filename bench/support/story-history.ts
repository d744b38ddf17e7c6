// Stored story history for bench/stories.ts: synthetic Weibo-like posts at a fixed rate per day, matched by
// the real story index in memory and written straight into the stored layout (one `story_members_YYYYMMDD`
// document per mention, one packed summary per story in `stories_YYYYMMDD`) with bulk `_id` inserts — what
// the daemon would hold after ingesting them, without paying the ingest path to build it.
import type { mongo } from 'mongoose';
import { postFeatures, type StoryPost } from '../../src/core/stories/features.js';
import { addToStory, storyDay } from '../../src/core/stories/story.js';
import { StoryIndex, WINDOW_DAYS } from '../../src/core/stories/story-index.js';
import { encodeSignature } from '../../src/stories/stories.service.js';
import type { StoredStory } from '../../src/stories/stories.repository.js';
import { packMember } from '../../src/stories/member-pack.js';

export const DAY_MS = 86_400_000;
const INSERT_CHUNK = 1000;
const IN_FLIGHT = 4;

/** A deterministic stream of synthetic Weibo-like posts from `startMs`, `perDay` a day: originals, reposts with comments and light edits. */
export function* syntheticPosts(startMs: number, perDay: number): Generator<StoryPost> {
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const text = (len: number) => Array.from({ length: len }, () => String.fromCharCode(0x4e00 + Math.floor(rand() * 3000))).join('');
  const recent: string[] = [];
  const step = DAY_MS / perDay;
  for (let i = 0; ; i++) {
    const r = rand();
    let body: string;
    if (recent.length && r < 0.2) body = `${text(6)}//@user${i % 997}:${recent[Math.floor(rand() * recent.length)]}`;
    else if (recent.length && r < 0.33) body = `${recent[Math.floor(rand() * recent.length)]}${text(3)}`;
    else {
      body = text(20 + Math.floor(rand() * 60));
      recent.push(body);
      if (recent.length > 200) recent.shift();
    }
    yield { id: `weibo:${i}`, brand: 'acme', platform: 'weibo', text: body, author: { name: `user${i % 5003}` }, publishedAt: new Date(startMs + i * step), reach: 3, polarity: 'neutral' };
  }
}

export interface SeededHistory {
  /** The index as the history leaves it (its hot window: the last days), to time assignment in memory. */
  index: StoryIndex;
  members: number;
  stories: number;
  seconds: number;
}

/** Writes the first `count` posts of `posts` as stored story history into `db` (a fresh database). */
export async function seedStoryHistory(db: mongo.Db, posts: Iterator<StoryPost>, count: number): Promise<SeededHistory> {
  const t0 = performance.now();
  const index = new StoryIndex();
  const open = new Map<string, StoredStory>();
  const pending = new Map<string, mongo.Document[]>();
  let members = 0;
  let stories = 0;
  let currentDay = -1;
  // A few inserts in flight while the next posts are matched: the database server works on the other core.
  const inFlight: Promise<unknown>[] = [];
  const flush = async (all: boolean) => {
    for (const [name, docs] of pending) {
      if (!all && docs.length < INSERT_CHUNK) continue;
      inFlight.push(db.collection(name).insertMany(docs, { ordered: false }));
      pending.delete(name);
      if (inFlight.length > IN_FLIGHT) await inFlight.shift();
    }
    if (all) await Promise.all(inFlight.splice(0));
  };
  const add = (name: string, doc: mongo.Document) => (pending.get(name) ?? pending.set(name, []).get(name)!).push(doc);
  // A story the index has let go (its last post older than the window) gets no more posts: its summary is final.
  const closeStories = (olderThanDay: number) => {
    for (const [id, s] of open) {
      if (Math.floor(s.lastAt.getTime() / DAY_MS) >= olderThanDay) continue;
      add(`stories_${storyDay(id)}`, { _id: `s|${id}|1`, s: id, brand: s.brand, kind: 's', gen: 1, folded: '[]', j: JSON.stringify(s) });
      open.delete(id);
      stories++;
    }
  };
  for (let n = 0; n < count; n++) {
    const post = posts.next().value as StoryPost;
    const day = Math.floor(post.publishedAt.getTime() / DAY_MS);
    if (day !== currentDay) {
      closeStories(day - WINDOW_DAYS);
      currentDay = day;
    }
    const a = index.assign(post, postFeatures(post));
    const member = { _id: post.id, s: a.story, by: a.by, evidence: a.added.evidence.map(([k]) => k), bands: a.added.bands.map(([k]) => k) };
    add(`story_members_${storyDay(post.publishedAt.toISOString().slice(0, 10).replaceAll('-', ''))}`, packMember(member));
    const before = open.get(a.story) ?? null;
    open.set(a.story, { ...addToStory(before, a.story, post), _id: a.story, reps: a.reps ? a.reps.map(encodeSignature) : (before?.reps ?? []) });
    members++;
    if (n % INSERT_CHUNK === INSERT_CHUNK - 1) await flush(false);
  }
  closeStories(Infinity);
  await flush(true);
  return { index, members, stories, seconds: (performance.now() - t0) / 1000 };
}
