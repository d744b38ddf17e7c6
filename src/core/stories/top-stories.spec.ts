import { describe, expect, it } from '@jest/globals';
import type { StoryPost } from './features.js';
import { addToStory } from './story.js';
import { topStories } from './top-stories.js';

const post = (id: string, platform: string, at: string, polarity: StoryPost['polarity'] = 'negative'): StoryPost => ({
  id, brand: 'acme', platform, text: `post ${id}`, url: `https://${platform}.example/${id}`, publishedAt: new Date(at), reach: 10, polarity,
});

describe('topStories', () => {
  const food = [post('weibo:1', 'weibo', '2026-05-11T09:00:00Z'), post('douyin:2', 'douyin', '2026-05-11T09:40:00Z'), post('weibo:3', 'weibo', '2026-05-11T10:10:00Z'), post('news:4', 'news', '2026-05-11T10:20:00Z', 'neutral')]
    .reduce((s, p) => addToStory(s, 'food', p), null as ReturnType<typeof addToStory> | null)!;
  const small = addToStory(null, 'small', post('weibo:9', 'weibo', '2026-05-11T08:00:00Z', 'positive'));

  it('lists the largest stories first, with the platforms in the order reached and how fast they grow', () => {
    const [top, second] = topStories([small, food], { from: new Date('2026-05-11T00:00:00Z'), to: new Date('2026-05-11T10:30:00Z') }, new Date('2026-05-12T00:00:00Z'), 5);
    expect(top).toMatchObject({ id: 'food', mentions: 4, reach: 40, negativeShare: 0.75, first: { platform: 'weibo', url: 'https://weibo.example/weibo:1' } });
    expect(top!.platforms).toEqual([
      { platform: 'weibo', at: Date.parse('2026-05-11T09:00:00Z'), mentions: 2 },
      { platform: 'douyin', at: Date.parse('2026-05-11T09:40:00Z'), mentions: 1 },
      { platform: 'news', at: Date.parse('2026-05-11T10:20:00Z'), mentions: 1 },
    ]);
    // At 10:30: two in the 10:00 hour, half of the 09:00 hour's two.
    expect(top!.growthPerHour).toBe(3);
    expect(second!.id).toBe('small');
  });

  it('measures growth at now when the period has not ended, and keeps to the limit', () => {
    const list = topStories([small, food], { from: new Date('2026-05-11T00:00:00Z'), to: new Date('2026-05-12T00:00:00Z') }, new Date('2026-05-11T10:30:00Z'), 1);
    expect(list.map((s) => [s.id, s.growthPerHour])).toEqual([['food', 3]]);
  });
});
