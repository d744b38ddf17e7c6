import { describe, expect, it } from '@jest/globals';
import { CRISIS_STARTS_S, history, storyAt } from './demo-story.js';

const start = new Date('2026-11-23T10:00:00Z');
const negatives = (elapsed: number) => storyAt(start, elapsed).filter((p) => p.rating === 1 || /食物中毒|food poisoning/.test(p.text));

describe('the demo storyline', () => {
  it('starts with normal chatter only', () => {
    const before = storyAt(start, CRISIS_STARTS_S - 1);
    expect(before.length).toBeGreaterThan(2);
    expect(negatives(CRISIS_STARTS_S - 1)).toHaveLength(0);
  });

  it('then a food-safety complaint appears and spreads within the next minutes', () => {
    expect(negatives(CRISIS_STARTS_S)).toHaveLength(1);
    expect(negatives(CRISIS_STARTS_S + 180).length).toBeGreaterThan(20);
    expect(storyAt(start, CRISIS_STARTS_S + 180).some((p) => p.channel === 'news')).toBe(true);
  });

  it('lets the first complaint go viral: its reposts grow the longer it is online', () => {
    const origin = (s: number) => storyAt(start, s).find((p) => p.publishedAt.getTime() === start.getTime() + CRISIS_STARTS_S * 1000)!;
    expect(origin(CRISIS_STARTS_S + 120).shares!).toBeGreaterThan(origin(CRISIS_STARTS_S + 10).shares! * 10);
  });

  it('shows only what was published by then, newest first, with ids that stay the same between fetches', () => {
    const a = storyAt(start, 200);
    const b = storyAt(start, 260);
    expect(a.every((p) => p.publishedAt.getTime() <= start.getTime() + 200_000)).toBe(true);
    expect(a.map((p) => p.publishedAt.getTime())).toEqual([...a.map((p) => p.publishedAt.getTime())].sort((x, y) => y - x));
    expect(a.map((p) => p.id).every((id) => b.some((q) => q.id === id))).toBe(true);
  });

  it('gives detection a day of history to learn the usual level from', () => {
    const h = history(start);
    expect(h.length).toBeGreaterThan(150);
    expect(Math.min(...h.map((p) => p.publishedAt.getTime()))).toBeGreaterThanOrEqual(start.getTime() - 24 * 3_600_000 - 12 * 60_000);
    expect(h.every((p) => p.publishedAt < start)).toBe(true);
  });
});
