import { describe, expect, it } from '@jest/globals';
import { addToStory, type Story } from '../stories/story.js';
import { storyGrowthReadings } from './story-growth.js';

const NOW = new Date('2026-05-11T10:00:00Z');

/** A story of `n` posts published over the hour before NOW (or `hoursAgo` earlier), each drawing `reach` reactions. */
function story(id: string, n: number, reach: number, hoursAgo = 0): Story {
  let s: Story | null = null;
  for (let k = 0; k < n; k++) {
    const at = new Date(NOW.getTime() - hoursAgo * 3_600_000 - ((k + 0.5) * 3_600_000) / n);
    s = addToStory(s, id, { id: `${id}-${k}`, brand: 'acme', platform: k % 2 ? 'weibo' : 'douyin', text: id, publishedAt: at, reach, polarity: 'negative' });
  }
  return s!;
}

describe(storyGrowthReadings.name, () => {
  const usual = [story('a', 4, 5), story('b', 3, 8), story('c', 6, 2), story('d', 2, 10)];

  it('alarms on a story that gains many far-reaching mentions an hour, beside a brand\'s ordinary stories', () => {
    const readings = storyGrowthReadings([...usual, story('complaint', 40, 200)], NOW);
    expect(readings.map((r) => [r.story.id, r.perHour, r.triggered])).toEqual([['complaint', 40, true]]);
    expect(readings[0]!.weightedPerHour).toBe(40 * 201);
    expect(readings[0]!.strength).toBeGreaterThan(1);
  });

  it('weighs growth by reach: as many reposts that nobody reacts to are not a surge where stories usually travel far', () => {
    const farReaching = [story('a', 8, 300), story('b', 9, 250), story('c', 7, 400)];
    expect(storyGrowthReadings([...farReaching, story('bots', 60, 0)], NOW)).toEqual([]);
    expect(storyGrowthReadings([...farReaching, story('real', 60, 300)], NOW).map((r) => [r.story.id, r.triggered])).toEqual([['real', true]]);
  });

  it('does not alarm on a steady stream: a story that has carried as many an hour for hours is not spreading', () => {
    // Reviews of one product that read alike: 24 an hour for the last eight hours, and no other story to compare with.
    let steady: Story | null = null;
    for (let k = 0; k < 8 * 24; k++) {
      steady = addToStory(steady, 'reviews', { id: `r-${k}`, brand: 'acme', platform: 'jd', text: 'reviews', publishedAt: new Date(NOW.getTime() - ((k + 0.5) * 3_600_000) / 24), reach: 1, polarity: 'negative' });
    }
    expect(storyGrowthReadings([steady!], NOW)).toEqual([]);
    // The same story doubling its pace is still not five times its own.
    expect(storyGrowthReadings([steady!, story('complaint', 40, 200)], NOW).map((r) => r.story.id)).toEqual(['complaint']);
  });

  it('needs a minimum of mentions an hour, and forgets growth that is over', () => {
    expect(storyGrowthReadings([...usual, story('small', 4, 1000)], NOW)).toEqual([]);
    expect(storyGrowthReadings([...usual, story('yesterday', 40, 200, 3)], NOW)).toEqual([]);
  });

  it('keeps a story elevated (not re-triggered) while it slows to half the bar', () => {
    const [r] = storyGrowthReadings([...usual, story('fading', 6, 200)], NOW);
    expect(r).toMatchObject({ triggered: false, elevated: true, strength: 0.6 });
  });
});
