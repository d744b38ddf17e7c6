import { describe, expect, it } from '@jest/globals';
import type { StoryPost } from './features.js';
import { addToStory, growthPerHour, HOURS_KEPT, mentionsBetween, mergeStories, negativeShare, storiesBehind, type Story } from './story.js';

const post = (id: string, platform: string, at: string, over: Partial<StoryPost> = {}): StoryPost => ({
  id, brand: 'acme', platform, text: `post ${id}`, publishedAt: new Date(at), reach: 10, polarity: 'negative', ...over,
});

describe('addToStory', () => {
  it('keeps the first post, the most engaged one, where it spread and when, reach and sentiment', () => {
    let s = addToStory(null, 'weibo:1', post('weibo:1', 'weibo', '2026-05-11T09:00:00Z', { url: 'https://weibo.example/1' }));
    s = addToStory(s, 'weibo:1', post('douyin:2', 'douyin', '2026-05-11T09:20:00Z', { reach: 500 }));
    s = addToStory(s, 'weibo:1', post('weibo:3', 'weibo', '2026-05-11T08:50:00Z', { polarity: 'neutral' }));
    expect(s.first.mention).toBe('weibo:3');
    expect(s.top).toMatchObject({ mention: 'douyin:2', reach: 500 });
    expect(s.platforms).toEqual({ weibo: 2, douyin: 1 });
    expect(s.spread).toEqual({ weibo: Date.parse('2026-05-11T08:50:00Z'), douyin: Date.parse('2026-05-11T09:20:00Z') });
    expect(s).toMatchObject({ mentions: 3, reach: 520, sentiment: { positive: 0, neutral: 1, negative: 2 } });
    expect(negativeShare(s)).toBeCloseTo(2 / 3);
  });

  it('grows by the mentions of the last hour', () => {
    let s = addToStory(null, 'a', post('a', 'weibo', '2026-05-11T08:10:00Z'));
    for (const m of ['09:05', '09:40', '10:10']) s = addToStory(s, 'a', post(m, 'weibo', `2026-05-11T${m}:00Z`));
    // At 10:30: the 10:00 hour counts whole, half of the 09:00 hour (two posts) is still inside the window.
    expect(growthPerHour(s, new Date('2026-05-11T10:30:00Z'))).toBe(2);
  });
});

describe('mergeStories', () => {
  it('adds batches of one story in any order to what adding their posts one by one gives', () => {
    const posts = [
      post('weibo:1', 'weibo', '2026-05-11T09:00:00Z', { topics: ['异物'] }),
      post('douyin:2', 'douyin', '2026-05-11T09:20:00Z', { reach: 500, topics: ['异物', '退款'] }),
      post('weibo:3', 'weibo', '2026-05-11T08:50:00Z', { polarity: 'neutral' }),
      post('news:4', 'news', '2026-05-11T11:00:00Z', { reach: 40, polarity: 'positive' }),
    ];
    const whole = posts.reduce<Story | null>((s, p) => addToStory(s, 'weibo:1', p), null)!;
    const batch = (list: typeof posts) => list.reduce<Story | null>((s, p) => addToStory(s, 'weibo:1', p), null)!;
    const a = batch(posts.slice(0, 2));
    const b = batch(posts.slice(2));
    expect(mergeStories(a, b)).toEqual(whole);
    expect(mergeStories(b, a)).toEqual({ ...whole, id: b.id, brand: b.brand });
  });
});

describe('storiesBehind', () => {
  it('lists the stories with mentions in the window, on the signal platform or topic, largest first', () => {
    let food = addToStory(null, 'food', post('weibo:1', 'weibo', '2026-05-11T09:00:00Z', { topics: ['食物中毒'] }));
    food = addToStory(food, 'food', post('douyin:2', 'douyin', '2026-05-11T09:10:00Z', { topics: ['食物中毒'] }));
    const late = addToStory(null, 'late', post('weibo:3', 'weibo', '2026-05-11T15:00:00Z', { topics: ['迟到'] }));
    const from = new Date('2026-05-11T08:00:00Z');
    const to = new Date('2026-05-11T10:00:00Z');
    expect(storiesBehind([late, food], {}, from, to, 3).map((s) => [s.id, s.mentions, s.platforms])).toEqual([['food', 2, ['weibo', 'douyin']]]);
    expect(storiesBehind([late, food], { platform: 'douyin' }, from, new Date('2026-05-11T16:00:00Z'), 3).map((s) => s.id)).toEqual(['food']);
    expect(storiesBehind([late, addToStory(null, 'praise', post('weibo:4', 'weibo', '2026-05-11T09:30:00Z', { polarity: 'positive' }))], { negative: true }, from, to, 3)).toEqual([]);
    expect(storiesBehind([late, food], { topic: '迟到' }, from, new Date('2026-05-11T16:00:00Z'), 3).map((s) => s.id)).toEqual(['late']);
  });

  it('orders equally large stories of equal reach by the one that began first, then by id, whatever order they come in', () => {
    const from = new Date('2026-05-11T09:00:00Z');
    const to = new Date('2026-05-11T12:00:00Z');
    const b = addToStory(null, 'b', post('jd:2', 'jd', '2026-05-11T10:00:00Z'));
    const a = addToStory(null, 'a', post('jd:1', 'jd', '2026-05-11T10:00:00Z'));
    const early = addToStory(null, 'z', post('jd:0', 'jd', '2026-05-11T09:30:00Z'));
    const ids = (stories: Story[]) => storiesBehind(stories, {}, from, to, 3).map((s) => s.id);
    expect(ids([b, a, early])).toEqual(['z', 'a', 'b']);
    expect(ids([a, early, b])).toEqual(['z', 'a', 'b']);
  });
});

describe('mentionsBetween', () => {
  // Five mentions a day at 10:00, 11:00, …, 14:00 UTC for 20 days: more hours than a story keeps.
  const days = Array.from({ length: 20 }, (_, d) => d);
  let long: Story | null = null;
  for (const d of days) for (let h = 10; h < 15; h++) long = addToStory(long, 'weibo:0', post(`weibo:${d}-${h}`, 'weibo', `2026-05-${String(1 + d).padStart(2, '0')}T${h}:00:00Z`));
  const story = long!;

  it('counts a long period from the daily counts once the hourly ones are gone', () => {
    expect(Object.keys(story.hours)).toHaveLength(HOURS_KEPT);
    expect(story.mentions).toBe(100);
    // 7 days of the 20: 35 mentions; 30 days: all of them.
    expect(mentionsBetween(story, new Date('2026-05-03T00:00:00Z'), new Date('2026-05-10T00:00:00Z'))).toBe(35);
    expect(mentionsBetween(story, new Date('2026-04-21T00:00:00Z'), new Date('2026-05-21T00:00:00Z'))).toBe(100);
    expect(mentionsBetween(story, new Date('2026-05-21T00:00:00Z'), new Date('2026-05-28T00:00:00Z'))).toBe(0);
  });

  it('counts recent hours exactly, and a day the range cuts in proportion', () => {
    expect(mentionsBetween(story, new Date('2026-05-20T11:00:00Z'), new Date('2026-05-20T13:00:00Z'))).toBe(2);
    // Half of 5 May (no hourly counts left for it) holds about half its mentions.
    expect(mentionsBetween(story, new Date('2026-05-05T12:00:00Z'), new Date('2026-05-06T00:00:00Z'))).toBe(3);
  });

  it('adds up daily counts when parts of a story are merged, and gives the total for a story stored without them', () => {
    const a = addToStory(null, 's', post('weibo:1', 'weibo', '2026-05-01T10:00:00Z'));
    const b = addToStory(null, 's', post('weibo:2', 'weibo', '2026-05-09T10:00:00Z'));
    expect(mergeStories(a, b).days).toEqual({ [Date.parse('2026-05-01T00:00:00Z')]: 1, [Date.parse('2026-05-09T00:00:00Z')]: 1 });
    const { days: _d, ...old } = mergeStories(a, b);
    expect(mentionsBetween(old, new Date('2026-05-02T00:00:00Z'), new Date('2026-05-03T00:00:00Z'))).toBe(2);
  });
});
