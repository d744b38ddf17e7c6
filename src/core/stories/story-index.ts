import { BAND_KEY_MASK, postFeatures, type PostFeatures, type StoryPost } from './features.js';
import { similarity } from './minhash.js';
import { storyIdOf } from './story.js';

/** How a post joined its story. */
export type MatchedBy = 'new' | 'link' | 'repost' | 'text';

export interface Assignment {
  story: string;
  by: MatchedBy;
  /** Index entries this post added, for the store to persist: its day and its new keys. */
  added: IndexEntries;
  /** Representative signatures of the story after this post (changed only when the post added one). */
  reps?: Uint32Array[];
}

/** Index entries of one UTC day: evidence key → story and band key → story. */
export interface IndexEntries {
  day: number;
  evidence: [string, string][];
  bands: [number, string][];
}

/**
 * Estimated Jaccard similarity of content shingles above which two posts are one story. Light edits and
 * reposts with short comments score 0.6–1; a quote whose comment is as long as the original about 0.5;
 * different posts that share a brand name and a few words below 0.25 (see test/stories/labelled.jsonl).
 */
export const SAME_STORY = 0.3;
/** Days of publication kept hot: a story quiet that long is over; older posts start a new one. */
export const WINDOW_DAYS = 3;
/** Signatures kept per story to compare with: its first posts and later ones unlike them (edits of edits). */
export const REPS_PER_STORY = 6;
const DAY = 86_400_000;

interface HotStory {
  reps: Uint32Array[];
  lastDay: number;
}

interface DayIndex {
  evidence: Map<string, string>;
  bands: Map<number, string>;
}

/**
 * The recent window of story matching: band and evidence keys per UTC day and the stories still hot.
 * Each post costs a fixed number of map lookups (bands × window days) and at most a few signature
 * comparisons, whatever the history; days older than the window are dropped with their stories.
 */
export class StoryIndex {
  private readonly days = new Map<number, DayIndex>();
  private readonly stories = new Map<string, HotStory>();
  private newest = -Infinity;

  /** Assigns a post to a story (a new one named after the post, see storyIdOf, when none matches) and indexes it. */
  assign(post: StoryPost, features: PostFeatures = postFeatures(post)): Assignment {
    const day = Math.floor(post.publishedAt.getTime() / DAY);
    this.advance(day);
    const found = this.byEvidence(features, day) ?? this.byText(features, day);
    const story = found?.story ?? storyIdOf(post);
    const hot = this.stories.get(story) ?? { reps: [], lastDay: day };
    hot.lastDay = Math.max(hot.lastDay, day);
    this.stories.set(story, hot);
    const added = this.index(day, story, features);
    const repAdded = features.signature && addRep(hot, features.signature);
    return { story, by: found?.by ?? 'new', added, ...(repAdded ? { reps: hot.reps } : {}) };
  }

  /** Puts back persisted entries of a day (a restart, another process's writes). */
  restore(entries: IndexEntries): void {
    this.advance(entries.day);
    if (entries.day <= this.newest - WINDOW_DAYS) return;
    const d = this.dayIndex(entries.day);
    for (const [k, s] of entries.evidence) if (!d.evidence.has(k)) d.evidence.set(k, s);
    for (const [stored, s] of entries.bands) {
      // Keys stored before band keys were cut to 30 bits (see BAND_KEY_MASK) match the keys computed now.
      const k = stored & BAND_KEY_MASK;
      if (!d.bands.has(k)) d.bands.set(k, s);
    }
  }

  /** Puts back a persisted story's signatures. */
  restoreStory(id: string, reps: Uint32Array[], lastDay: number): void {
    if (lastDay > this.newest - WINDOW_DAYS) this.stories.set(id, { reps, lastDay });
  }

  /** Hot entries: how much the window holds (for the benchmark and metrics). */
  size(): { days: number; keys: number; stories: number } {
    let keys = 0;
    for (const d of this.days.values()) keys += d.evidence.size + d.bands.size;
    return { days: this.days.size, keys, stories: this.stories.size };
  }

  private byEvidence(f: PostFeatures, day: number): { story: string; by: MatchedBy } | undefined {
    const hits = new Map<string, { n: number; by: MatchedBy }>();
    for (const d of this.window(day)) {
      for (const key of f.evidence) {
        const s = d.evidence.get(key);
        if (s && this.stories.has(s)) hits.set(s, { n: (hits.get(s)?.n ?? 0) + 1, by: key.includes('|l:') ? 'link' : 'repost' });
      }
    }
    return best(hits);
  }

  private byText(f: PostFeatures, day: number): { story: string; by: MatchedBy } | undefined {
    if (!f.signature) return undefined;
    const votes = new Map<string, number>();
    for (const d of this.window(day)) {
      for (const key of f.bands) {
        const s = d.bands.get(key);
        if (s) votes.set(s, (votes.get(s) ?? 0) + 1);
      }
    }
    let chosen: string | undefined;
    let top = SAME_STORY;
    // Only the few stories with the most equal bands are compared: the cost stays flat however busy the brand.
    for (const [s] of [...votes].sort((a, b) => b[1] - a[1]).slice(0, 3)) {
      const reps = this.stories.get(s)?.reps ?? [];
      for (const r of reps) {
        const sim = similarity(f.signature, r);
        if (sim >= top) [chosen, top] = [s, sim];
      }
    }
    return chosen ? { story: chosen, by: 'text' } : undefined;
  }

  private index(day: number, story: string, f: PostFeatures): IndexEntries {
    const added: IndexEntries = { day, evidence: [], bands: [] };
    if (day <= this.newest - WINDOW_DAYS) return added;
    const d = this.dayIndex(day);
    // First writer wins a key: later posts reach the story through it.
    for (const k of f.evidence) {
      if (d.evidence.has(k)) continue;
      d.evidence.set(k, story);
      added.evidence.push([k, story]);
    }
    for (const k of f.bands) {
      if (d.bands.has(k)) continue;
      d.bands.set(k, story);
      added.bands.push([k, story]);
    }
    return added;
  }

  private *window(day: number): Iterable<DayIndex> {
    for (let d = day; d > day - WINDOW_DAYS; d--) {
      const idx = this.days.get(d);
      if (idx) yield idx;
    }
  }

  private dayIndex(day: number): DayIndex {
    let d = this.days.get(day);
    if (!d) this.days.set(day, (d = { evidence: new Map(), bands: new Map() }));
    return d;
  }

  /** Moves the window forward to `day`, dropping older days and the stories last seen in them. */
  private advance(day: number): void {
    if (day <= this.newest) return;
    this.newest = day;
    const oldest = day - WINDOW_DAYS;
    for (const d of this.days.keys()) if (d <= oldest) this.days.delete(d);
    for (const [id, s] of this.stories) if (s.lastDay <= oldest) this.stories.delete(id);
  }
}

function best(hits: Map<string, { n: number; by: MatchedBy }>): { story: string; by: MatchedBy } | undefined {
  let out: { story: string; by: MatchedBy; n: number } | undefined;
  for (const [story, h] of hits) if (!out || h.n > out.n) out = { story, ...h };
  return out && { story: out.story, by: out.by };
}

/** Keeps a new signature when the story has room and none of its signatures is already close to it. */
function addRep(hot: HotStory, sig: Uint32Array): boolean {
  if (hot.reps.length >= REPS_PER_STORY) return false;
  if (hot.reps.some((r) => similarity(r, sig) >= 0.8)) return false;
  hot.reps.push(sig);
  return true;
}
