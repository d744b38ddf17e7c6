import { Injectable } from '@nestjs/common';
import { storyGrowthReadings } from '../core/detection/story-growth.js';
import { storyRef } from '../core/stories/story.js';
import { StoriesService } from '../stories/stories.service.js';
import type { StoryPass } from '../stories/story-pass.js';
import type { ScopedReadings } from './scoped-reading.js';

/** Stories a pass reads at most: the brand's largest active ones (a brand has far fewer live stories). */
const STORIES_READ = 500;

/**
 * Story-growth readings of a brand: its stories with mentions in the hour before the pass (read from the
 * story partitions of the days such a story can have started on, nothing older), each judged on its
 * reach-weighted growth against the brand's other stories (core/detection/story-growth.ts). An elevated
 * story carries itself as evidence, so the alert shows the first post and the platforms it reached.
 */
@Injectable()
export class StoryGrowth {
  constructor(private readonly stories: StoriesService) {}

  /** `pass`: the pass's story reads (each day's partition read once for every brand); none: this brand's own. */
  async readings(brand: string, now: Date, pass?: StoryPass): Promise<ScopedReadings[]> {
    const active = await this.stories.list({ brand, from: new Date(now.getTime() - 3_600_000), to: new Date(now.getTime() + 1), limit: STORIES_READ }, pass);
    return storyGrowthReadings(active, now).map((r) => ({
      kind: 'story_growth' as const,
      scope: { story: r.story.id },
      readings: [{
        at: now,
        triggered: r.triggered,
        elevated: r.elevated,
        strength: r.strength,
        evidence: { growthPerHour: r.perHour, observed: Math.round(r.weightedPerHour), stories: [storyRef(r.story, r.story.mentions)] },
      }],
    }));
  }
}
