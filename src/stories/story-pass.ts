import type { StoredStory } from './stories.repository.js';
import { PassReads } from '../platform/database/pass-reads.js';

/**
 * The story partitions as one detection pass reads them: each day's partition read once, for all brands, and
 * folded once, instead of once per brand (story growth) and once per changed signal (the stories behind it).
 * After a burst today's partition holds thousands of deltas, which the embedded database decodes whole for any
 * filter. Kept for the pass only (see PassReads): the next pass reads every day again.
 */
export class StoryPass {
  private readonly days: PassReads<string, readonly StoredStory[]>;

  /** `readDay`: every brand's stories that started on the day (`YYYYMMDD`), folded from its partition. */
  constructor(readDay: (day: string) => Promise<readonly StoredStory[]>) {
    this.days = new PassReads(readDay);
  }

  /** A brand's stories that started on the given days, as StoriesRepository.storiesOfDays(days, brand) gives them. */
  async stories(days: readonly string[], brand: string): Promise<StoredStory[]> {
    const out: StoredStory[] = [];
    for (const day of days) for (const s of await this.days.get(day)) if (s.brand === brand) out.push(s);
    return out;
  }
}
