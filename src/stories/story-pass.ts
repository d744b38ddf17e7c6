import type { DayStory, StoredStory } from './stories.repository.js';
import { floorTo, HOUR_MS } from '../core/mention/rollup.js';
import { PassReads } from '../platform/database/pass-reads.js';

/**
 * The story partitions as one detection pass reads them: each day's partition read once, for all brands, instead
 * of once per brand (story growth) and once per changed signal (the stories behind it), and only the stories that
 * can have mentions in a reader's range folded (after a burst today's partition holds thousands of stories, nearly
 * all of them quiet by the next hour). Kept for the pass only (see PassReads): the next pass reads every day again.
 */
export class StoryPass {
  private readonly days: PassReads<string, readonly DayStory[]>;

  /** `readDay`: every brand's stories that started on the day (`YYYYMMDD`), unfolded. */
  constructor(readDay: (day: string) => Promise<readonly DayStory[]>) {
    this.days = new PassReads(readDay);
  }

  /**
   * A brand's stories that started on the given days, as StoriesRepository.storiesOfDays(days, brand) gives them, less
   * those whose last mention is before the hour of `from`: such a story counts no mention in a range from `from` on
   * (mentionsBetween, storiesBehind: every hour it counts starts at or before the hour of its `lastAt`), and a list
   * over such a range drops it.
   */
  async stories(days: readonly string[], brand: string, from: Date): Promise<StoredStory[]> {
    const since = floorTo(from.getTime(), HOUR_MS);
    const out: StoredStory[] = [];
    for (const day of days) {
      for (const s of await this.days.get(day)) {
        if (s.brand !== brand || s.lastAt < since) continue;
        const state = s.state();
        if (state) out.push(state);
      }
    }
    return out;
  }
}
