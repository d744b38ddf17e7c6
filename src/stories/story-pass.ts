import { dayStoriesOf, type DayStory, type StoredStory, type StoryDoc } from './stories.repository.js';
import { floorTo, HOUR_MS } from '../core/mention/rollup.js';
import { storyDay } from '../core/stories/story.js';
import { PassReads } from '../platform/database/pass-reads.js';
import { hourStart } from './late-stories.js';
import { packedLastAt, unpackStory } from './story-pack.js';

/** Where a pass reads stories: the late copies and fresh deltas (see LateStories), and the day partitions. */
export interface StorySource {
  /** Every brand's stories that started on the day (`YYYYMMDD`), unfolded. */
  day(day: string): Promise<readonly DayStory[]>;
  copiedDays(): Promise<Set<string>>;
  /** The late hours held, oldest first. */
  hours(): Promise<string[]>;
  fresh(): Promise<StoryDoc[]>;
  hour(name: string): Promise<StoryDoc[]>;
  /** One story's documents in its day partition. */
  storyDocs(id: string): Promise<StoryDoc[]>;
}

/**
 * The stories as one detection pass reads them, each collection read once for all brands and signals, and only the
 * stories that can have mentions in a reader's range folded. For the days that have their late copies, those are
 * the latest summaries in the hours from the hour of `from` on plus the fresh deltas (read first: a fold copies a
 * summary before it removes the deltas in it, and removes a replaced copy after writing the new one, which sits in
 * the same hour or a later one); for any other day its partition, whole. Kept for the pass only (see PassReads).
 */
export class StoryPass {
  private readonly days: PassReads<string, readonly DayStory[]>;
  private readonly hours: PassReads<string, StoryDoc[]>;
  private readonly storyDocs: PassReads<string, StoryDoc[]>;
  private readonly once: PassReads<string, { copied: Set<string>; fresh: StoryDoc[]; names: string[] }>;

  constructor(source: StorySource) {
    this.days = new PassReads((day) => source.day(day));
    this.hours = new PassReads((name) => source.hour(name));
    this.storyDocs = new PassReads((id) => source.storyDocs(id));
    this.once = new PassReads(async () => {
      const copied = await source.copiedDays();
      const fresh = await source.fresh();
      return { copied, fresh, names: await source.hours() };
    });
  }

  /**
   * A brand's stories that started on the given days, as StoriesRepository.storiesOfDays(days, brand) gives them, less
   * those whose last mention is before the hour of `from`: such a story counts no mention in a range from `from` on
   * (mentionsBetween, storiesBehind: every hour it counts starts at or before the hour of its `lastAt`), and a list
   * over such a range drops it.
   */
  async stories(days: readonly string[], brand: string, from: Date): Promise<StoredStory[]> {
    const since = floorTo(from.getTime(), HOUR_MS);
    const { copied, fresh, names } = await this.once.get('');
    const marked = days.filter((d) => copied.has(d));
    const read = [...(marked.length ? await this.fromCopies(new Set(marked), brand, since, fresh, names) : []), ...(await this.fromDays(days.filter((d) => !copied.has(d))))];
    const out: StoredStory[] = [];
    for (const s of read) {
      if (s.brand !== brand || s.lastAt < since) continue;
      const state = s.state();
      if (state) out.push(state);
    }
    return out;
  }

  private async fromDays(days: readonly string[]): Promise<DayStory[]> {
    return (await Promise.all(days.map((d) => this.days.get(d)))).flat();
  }

  /**
   * The stories of `days` from the copies: every summary copied into an hour from `since` on, and the fresh deltas. A
   * story with a fresh mention from `since` on whose summary is older (a story that woke up) is looked up in the older
   * hours, newest first, then in its day partition; one whose fresh deltas began it has no summary to look for.
   */
  private async fromCopies(days: ReadonlySet<string>, brand: string, since: number, fresh: StoryDoc[], names: string[]): Promise<DayStory[]> {
    const mine = (d: StoryDoc) => d.brand === brand && days.has(storyDay(d.s));
    const summaries = new Map<string, StoryDoc[]>();
    const add = (d: StoryDoc) => (summaries.get(d.s) ?? summaries.set(d.s, []).get(d.s)!).push(d);
    for (const name of names.filter((n) => hourStart(n) >= since)) for (const d of await this.hours.get(name)) if (mine(d)) add(d);
    const deltas = fresh.filter(mine);
    const woke = new Set(deltas.filter((d) => d.j && packedLastAt(d.j) >= since && !summaries.has(d.s)).map((d) => d.s));
    for (const d of deltas) if (d.j && woke.has(d.s) && begins(d)) woke.delete(d.s);
    const older = names.filter((n) => hourStart(n) < since).reverse();
    for (const id of woke) {
      const start = Date.parse(`${storyDay(id).slice(0, 4)}-${storyDay(id).slice(4, 6)}-${storyDay(id).slice(6, 8)}T00:00:00Z`);
      for (const name of older.filter((n) => hourStart(n) >= start)) {
        for (const d of await this.hours.get(name)) if (d.s === id) add(d);
        if (summaries.has(id)) break;
      }
      if (!summaries.has(id)) for (const d of await this.storyDocs.get(id)) if (d.kind !== 'd') add(d);
    }
    // A day partition's order: a story's summary before its deltas (the order parts are added in decides ties of topics).
    return dayStoriesOf([...[...summaries.values()].flat(), ...deltas]);
  }
}

/** Whether a delta began its story (its first post is the one the story's id names): no summary came before it. */
function begins(d: StoryDoc): boolean {
  return `${storyDay(d.s)}:${unpackStory<StoredStory>(d.j!).first.mention}` === d.s;
}
