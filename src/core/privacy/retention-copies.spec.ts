import { describe, expect, it } from '@jest/globals';
import { casePastRetention, dayStartOf, storyPostPastRetention } from './retention-copies.js';

describe('copies of posts past retention', () => {
  const at = new Date('2026-08-01T10:00:00Z');

  it('keeps a story post\'s platform, time and reach, and nothing that names the post or its author', () => {
    const kept = storyPostPastRetention({ mention: 'weibo:1', platform: 'weibo', url: 'https://weibo.example/1', author: 'Wang Fang', text: '阿克米吃出了头发', publishedAt: at, reach: 40 });
    expect(kept).toEqual({ mention: '', platform: 'weibo', text: '[removed under retention]', publishedAt: at, reach: 40 });
  });

  it('removes a case\'s text, title, link, author and mention texts, keeping follower count and mention times', () => {
    const kept = casePastRetention({ text: 'cold food, call 139****5678', title: 'Late', url: 'https://jd.example/r/1', author: { name: 'Li Lei', hash: 'abc', followers: 12 }, mentions: [{ id: 'jd:1', url: 'https://jd.example/r/1', text: 'cold food', at }] });
    expect(kept).toEqual({ text: '[removed under retention]', title: '[removed under retention]', url: undefined, author: { followers: 12 }, mentions: [{ id: '', text: '[removed under retention]', at }] });
  });

  it('reads a partition day as the start of that UTC day', () => {
    expect(dayStartOf('20260801').toISOString()).toBe('2026-08-01T00:00:00.000Z');
  });
});
