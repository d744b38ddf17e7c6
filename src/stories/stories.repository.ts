import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import { storyDay, type Story } from '../core/stories/story.js';
import { duplicateKeyIndexes } from '../platform/database/duplicate-keys.js';

/** A story as stored: the core summary plus its representative signatures (base64). */
export interface StoredStory extends Story {
  _id: string;
  reps: string[];
}

/** A key of the story index: `_id` is the band or evidence key (brand inside), `s` the story it leads to. */
export interface StoryKeyDoc {
  _id: string;
  s: string;
}

/** Which story a mention joined, and how. */
export interface StoryMemberDoc {
  _id: string;
  s: string;
  by: string;
}

const WRITE_CHUNK = 500;

/**
 * The only code that touches the story collections, all partitioned by UTC day so no query reads a
 * collection that grows with history:
 * - `story_keys_YYYYMMDD`: band and evidence keys of the posts published that day, insert-only (the
 *   unique `_id` keeps the first story that claimed a key); read whole, one day at a time, only to warm
 *   the hot window after a start;
 * - `stories_YYYYMMDD`: one document per story, in the partition of its first post's day (the id names
 *   it), read and replaced by `_id`; listed per day for the days a question covers;
 * - `story_members_YYYYMMDD`: mention key → story, by the mention's day of publication, by `_id` only.
 */
@Injectable()
export class StoriesRepository {
  private readonly indexed = new Set<string>();

  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col<T extends mongo.Document>(name: string) {
    return this.connection.db!.collection<T>(name);
  }

  private stories(day: string) {
    const name = `stories_${day}`;
    if (!this.indexed.has(name)) {
      this.indexed.add(name);
      // Served on MongoDB: a brand's stories of a day by size (top stories of a period).
      void this.col(name).createIndex({ brand: 1, mentions: -1 }).catch(() => this.indexed.delete(name));
    }
    return this.col<StoredStory>(name);
  }

  /** Inserts index keys of a day; keys another story already holds stay with it. */
  async insertKeys(day: string, keys: readonly StoryKeyDoc[]): Promise<void> {
    await insertAll(this.col<StoryKeyDoc>(`story_keys_${day}`), keys);
  }

  /** Every index key of one day (warming the hot window). */
  async keysOf(day: string): Promise<StoryKeyDoc[]> {
    return this.col<StoryKeyDoc>(`story_keys_${day}`).find({}).toArray();
  }

  async insertMembers(day: string, members: readonly StoryMemberDoc[]): Promise<void> {
    await insertAll(this.col<StoryMemberDoc>(`story_members_${day}`), members);
  }

  async memberOf(mention: string, day: string): Promise<StoryMemberDoc | null> {
    return this.col<StoryMemberDoc>(`story_members_${day}`).findOne({ _id: mention });
  }

  async story(id: string): Promise<StoredStory | null> {
    return this.stories(storyDay(id)).findOne({ _id: id });
  }

  /**
   * Stores the stories a batch touched: the ones it started (`fresh`) inserted together, one insert per day
   * (an upsert each would cost FerretDB a read of the partition per story); the others replaced by `_id`.
   */
  async saveStories(list: readonly StoredStory[], fresh: ReadonlySet<string> = new Set()): Promise<void> {
    const byDay = new Map<string, StoredStory[]>();
    for (const s of list) if (fresh.has(s._id)) (byDay.get(storyDay(s._id)) ?? byDay.set(storyDay(s._id), []).get(storyDay(s._id))!).push(s);
    for (const [day, docs] of byDay) await insertAll(this.stories(day), docs);
    for (const s of list) if (!fresh.has(s._id)) await this.stories(storyDay(s._id)).replaceOne({ _id: s._id }, s, { upsert: true });
  }

  /** A brand's stories (all brands without one) that started on the given days. */
  async storiesOfDays(days: readonly string[], brand?: string): Promise<StoredStory[]> {
    const out: StoredStory[] = [];
    for (const day of days) out.push(...(await this.stories(day).find(brand ? { brand } : {}).toArray()));
    return out;
  }
}

/** Unordered insert; duplicate keys are expected (first writer wins) and ignored. */
async function insertAll<T extends mongo.Document>(col: mongo.Collection<T>, docs: readonly T[]): Promise<void> {
  for (let i = 0; i < docs.length; i += WRITE_CHUNK) {
    try {
      await col.insertMany(docs.slice(i, i + WRITE_CHUNK) as never[], { ordered: false });
    } catch (err) {
      if (!duplicateKeyIndexes(err)) throw err;
    }
  }
}
