import type { Story } from '../stories/story.js';
import { growthPerHour } from '../stories/story.js';
import { quantileSorted } from './robust.js';

/**
 * A story that spreads fast is a signal of its own, before any platform's volume moves: a complaint reposted
 * and copied across platforms by people with an audience. Its growth is weighted by reach: mentions gained
 * in the last hour times (1 + the story's engagement per mention), so fifty reposts by accounts nobody reads
 * weigh less than fifty that each draw hundreds of reactions. A story is a surge when it gains at least
 * `minPerHour` mentions an hour and its weighted growth is `relativeFactor` times what the brand's stories
 * usually show (the `usualQuantile` of its other active stories) or what the story itself carried an hour
 * before, whichever is more, so a brand whose stories always travel far does not alarm on every one, nor a
 * steady stream of look-alike posts (a product's reviews) on every pass.
 */
export interface StoryGrowthOptions {
  minPerHour: number;
  relativeFactor: number;
  usualQuantile: number;
}

export const STORY_GROWTH_DEFAULTS: StoryGrowthOptions = { minPerHour: 10, relativeFactor: 5, usualQuantile: 0.9 };

export interface StoryGrowthReading {
  story: Story;
  /** Mentions published in the hour before now. */
  perHour: number;
  /** The same, weighted by the story's engagement per mention. */
  weightedPerHour: number;
  triggered: boolean;
  elevated: boolean;
  /** How far past its bars (1 = exactly at both): the smaller of growth ÷ minPerHour and weighted ÷ the brand's bar. */
  strength: number;
}

/** How much a story's reach weighs on its growth: reach per mention, plus one. */
const reachFactor = (story: Story) => 1 + story.reach / Math.max(1, story.mentions);

function reachWeightedGrowth(story: Story, now: Date): { perHour: number; weightedPerHour: number } {
  const perHour = growthPerHour(story, now);
  return { perHour, weightedPerHour: perHour * reachFactor(story) };
}

const HOUR = 3_600_000;
/** How many hours before the last one a story's own pace is taken over. */
const OWN_PACE_HOURS = 6;

/**
 * The story's own weighted mentions an hour over the {@link OWN_PACE_HOURS} hours before the last one: a story
 * that has carried as many for hours is a steady stream (a product's reviews that read alike), not a spread.
 */
function ownPacePerHour(story: Story, now: Date): number {
  const to = now.getTime() - HOUR;
  const from = to - OWN_PACE_HOURS * HOUR;
  let n = 0;
  for (const [hour, count] of Object.entries(story.hours)) if (Number(hour) + HOUR > from && Number(hour) < to) n += count;
  return (n / OWN_PACE_HOURS) * reachFactor(story);
}

/** Readings of the stories that are elevated at `now`, among a brand's stories active around it. */
export function storyGrowthReadings(stories: readonly Story[], now: Date, options: StoryGrowthOptions = STORY_GROWTH_DEFAULTS): StoryGrowthReading[] {
  const growth = stories.map((story) => ({ story, ...reachWeightedGrowth(story, now) }));
  const out: StoryGrowthReading[] = [];
  for (const [i, g] of growth.entries()) {
    if (g.perHour < options.minPerHour / 2) continue;
    const others = growth.filter((_, k) => k !== i).map((o) => o.weightedPerHour).sort((a, b) => a - b);
    // What is usual: the brand's other stories, or this story's own pace before the last hour, whichever is
    // more; with neither (a brand's first stories, look-alike reviews from the first hour) the bar itself.
    const usual = Math.max(quantileSorted(others, options.usualQuantile), ownPacePerHour(g.story, now), options.minPerHour);
    const byCount = g.perHour / options.minPerHour;
    const strength = Math.round(Math.min(byCount, usual > 0 ? g.weightedPerHour / (options.relativeFactor * usual) : byCount) * 100) / 100;
    if (strength >= 0.5) out.push({ ...g, strength, triggered: strength >= 1, elevated: true });
  }
  return out;
}
