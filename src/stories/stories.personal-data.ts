import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { KindCounts, SubjectMentions } from '../core/privacy/holder.js';
import { dueDays, type RetentionCutoffs } from '../core/privacy/retention.js';
import { storyPostPastRetention } from '../core/privacy/retention-copies.js';
import type { StoryPostRef } from '../core/stories/story.js';
import { dropCounted } from '../platform/database/drop-counted.js';
import { PurgeMarks } from '../platform/database/purge-marks.repository.js';
import { TextCopies, TextCopiesHolder } from '../platform/database/text-copies.js';
import { STORY_DIGESTS, STORY_PACKED, StoriesRepository } from './stories.repository.js';
import { STORY_COPIES } from './late-stories.js';

const PARTITION = /^(stories|story_members|story_keys)_(\d{8})$/;

/**
 * Copies of people's posts in a story's first and most engaged post: found and erased by their texts and
 * links. Under retention (`mentionDays`, by the story's first day) a story keeps its counts, spread and
 * topics and loses its posts' texts, links and authors; the member and key partitions of the day (mention
 * ids → story) are dropped.
 */
@Injectable()
export class StoriesPersonalData extends TextCopiesHolder {
  /** The day digests' copies of the largest stories (copies of what the day partitions hold, erased with them). */
  private readonly digestCopies: TextCopies;
  /** The detection pass's copies of story documents (late summaries by hour, fresh deltas; see LateStories). */
  private readonly passCopies: TextCopies;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly marks: PurgeMarks,
    private readonly stories: StoriesRepository,
  ) {
    super('stories', new TextCopies(() => connection.db!, /^stories_\d{8}$/, 'storyCopy', STORY_PACKED));
    this.digestCopies = new TextCopies(() => connection.db!, new RegExp(`^${STORY_DIGESTS}\\d{6}$`), 'storyCopy', ['data']);
    this.passCopies = new TextCopies(() => connection.db!, STORY_COPIES, 'storyCopy', STORY_PACKED);
  }

  override async erase(s: SubjectMentions): Promise<void> {
    await super.erase(s);
    await this.digestCopies.erase(s);
    await this.passCopies.erase(s);
  }

  async purge(c: RetentionCutoffs, batch: number, pause: () => Promise<void>): Promise<KindCounts> {
    const db = this.connection.db!;
    const byKind = new Map<string, string[]>();
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      const m = PARTITION.exec(name);
      if (m) (byKind.get(m[1]!) ?? byKind.set(m[1]!, []).get(m[1]!)!).push(m[2]!);
    }
    let storyIndex = 0;
    for (const kind of ['story_members', 'story_keys']) {
      for (const day of dueDays(byKind.get(kind) ?? [], c.mentionDay)) {
        storyIndex += await dropCounted(db, `${kind}_${day}`);
        await pause();
      }
    }
    let storyCopy = 0;
    const done = await this.marks.before('stories');
    for (const day of dueDays(byKind.get('stories') ?? [], c.mentionDay).filter((d) => d >= done)) {
      // A day's story documents are few (a summary per story once compacted): read by day, rewritten by `_id`, `batch` a step.
      const docs = await db.collection<StoryPosts>(`stories_${day}`).find({}, { projection: { first: 1, top: 1, j: 1, 'v.first': 1, 'v.top': 1 } }).toArray();
      for (let i = 0; i < docs.length; i += batch) {
        for (const d of docs.slice(i, i + batch)) {
          const update = pastRetention(d);
          if (!update) continue;
          await db.collection(`stories_${day}`).updateOne({ _id: d._id as never }, { $set: update });
          storyCopy++;
        }
        await pause();
      }
      // The detection pass's copies of the day's stories, the same way.
      storyCopy += await this.stories.late.rewrite(day, pastRetention);
      // The day's digest holds its largest stories as they were: gone, the day is read from its partition.
      await this.stories.forgetDigest(day);
      await this.marks.advance('stories', nextDay(day));
    }
    return { storyCopy, storyIndex };
  }
}

/** What the purge reads of a story document: the story packed in `j`, or its posts in `v` or (earlier versions) at the top. */
interface StoryPosts {
  _id: string;
  first?: StoryPostRef;
  top?: StoryPostRef;
  j?: string;
  v?: { first: StoryPostRef; top: StoryPostRef };
}

/** The `$set` that leaves a story document's posts without texts, links and authors; null when they have none. */
function pastRetention(d: StoryPosts): Record<string, unknown> | null {
  if (d.j) {
    const story = JSON.parse(d.j) as { first?: StoryPostRef; top?: StoryPostRef };
    if (!story.first?.mention && !story.top?.mention) return null;
    // A packed story without `top` has its first post as top (see story-pack.ts): it stays without.
    return { j: JSON.stringify({ ...story, first: storyPostPastRetention(story.first!), ...(story.top ? { top: storyPostPastRetention(story.top) } : {}) }) };
  }
  // Deltas and summaries of earlier versions hold the story in `v`; documents older still hold it whole.
  const [posts, prefix] = d.v ? [d.v, 'v.'] : [d, ''];
  if (!posts.first?.mention && !posts.top?.mention) return null;
  return { [`${prefix}first`]: storyPostPastRetention(posts.first!), [`${prefix}top`]: storyPostPastRetention(posts.top!) };
}

function nextDay(day: string): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10).replaceAll('-', '');
}
