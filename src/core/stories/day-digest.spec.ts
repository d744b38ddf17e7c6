import { describe, expect, it } from '@jest/globals';
import type { StoryPost } from './features.js';
import { byLargest, digestAnswer, digestServes, DIGEST_TOP, edgeDaysToRead, listedMentions, storyDayDigest, storySpan } from './day-digest.js';
import { addToStory, HOURS_KEPT, mentionsBetween, type Story } from './story.js';

const post = (id: string, at: number, reach = 1): StoryPost => ({ id, brand: 'acme', platform: 'weibo', text: `post ${id}`, publishedAt: new Date(at), reach, polarity: 'negative' });
const DAY0 = Date.parse('2026-05-11T00:00:00Z');
const HOUR = 3_600_000;

/** A story of `n` posts an hour apart from `start`, each of reach `reach`. */
function story(id: string, start: number, n: number, reach = 1): Story {
  let s: Story | null = null;
  for (let i = 0; i < n; i++) s = addToStory(s, id, post(`${id}-${i}`, start + i * HOUR, reach));
  return s!;
}

describe('story day digests', () => {
  it('spans every mention a story counts: its hours, and the days before its hourly detail', () => {
    const s = story('a', DAY0 + 5 * HOUR + 60_000, 3);
    expect(storySpan(s)).toEqual({ lo: DAY0 + 5 * HOUR, hi: DAY0 + 8 * HOUR });
    expect(mentionsBetween(s, new Date(storySpan(s).lo), new Date(storySpan(s).hi))).toBe(3);
    // More hours than kept: the oldest mentions are counted from their day, spread over it up to the hourly detail.
    const long = story('b', DAY0, HOURS_KEPT + 10);
    const span = storySpan(long);
    expect(span.lo).toBe(DAY0);
    expect(mentionsBetween(long, new Date(span.lo), new Date(span.hi))).toBe(HOURS_KEPT + 10);
    expect(mentionsBetween(long, new Date(span.lo + HOUR), new Date(span.hi))).toBeLessThan(HOURS_KEPT + 10);
  });

  it('keeps the largest stories by mentions, reach and id, and serves a range holding every mention of the day', () => {
    const stories = [story('c', DAY0, 2), story('a', DAY0 + HOUR, 2), story('x', DAY0, 1, 50), ...['d', 'e', 'f', 'g'].map((id) => story(id, DAY0 + 2 * HOUR, 1))];
    const d = storyDayDigest(stories);
    expect(d.top.map((s) => s.id)).toEqual(['a', 'c', 'x', 'd', 'e'].slice(0, DIGEST_TOP));
    expect({ lo: d.lo, hi: d.hi }).toEqual({ lo: DAY0, hi: DAY0 + 3 * HOUR });
    const ranked = stories.map((s) => ({ ...s, inRange: s.mentions })).sort(byLargest);
    expect(ranked.slice(0, DIGEST_TOP).map((s) => s.id)).toEqual(d.top.map((s) => s.id));

    expect(digestServes(d, DAY0, DAY0 + 86_400_000, DIGEST_TOP)).toBe(true);
    expect(digestServes(d, DAY0 + 1, DAY0 + 86_400_000, DIGEST_TOP)).toBe(false);
    expect(digestServes(d, DAY0, DAY0 + 3 * HOUR - 1, DIGEST_TOP)).toBe(false);
    expect(digestServes(d, DAY0, DAY0 + 86_400_000, DIGEST_TOP + 1)).toBe(false);
    // A day without any story of the brand serves every range.
    expect(digestServes(storyDayDigest([]), DAY0 + 5, DAY0 + 6, 1)).toBe(true);
  });
  it('answers nothing for a range its stories have no mention in, its largest for one holding them all, else asks for the partition', () => {
    const d = storyDayDigest([story('c', DAY0, 2), story('a', DAY0 + HOUR, 2)]);
    const HOURS3 = DAY0 + 3 * HOUR;
    expect(digestAnswer(d, HOURS3, HOURS3 + 86_400_000, DIGEST_TOP)).toEqual([]);
    expect(digestAnswer(d, DAY0 - 86_400_000, DAY0, 1)).toEqual([]);
    expect(digestAnswer(d, DAY0, HOURS3, DIGEST_TOP)).toEqual(d.top);
    expect(digestAnswer(d, DAY0 + 1, HOURS3 + 86_400_000, DIGEST_TOP)).toBeNull();
    expect(digestAnswer(d, HOURS3 - 1, HOURS3 + 86_400_000, DIGEST_TOP)).toBeNull();
    expect(digestAnswer(d, DAY0, HOURS3, DIGEST_TOP + 1)).toBeNull();
    expect(digestAnswer(storyDayDigest([]), DAY0 + 5, DAY0 + 6, DIGEST_TOP + 1)).toEqual([]);
  });

  it('reads an edge day only when a story its digest leaves out could still make the list', () => {
    const DAY = 86_400_000;
    const from = new Date(DAY0 + 12 * HOUR);
    const to = new Date(DAY0 + 3 * DAY);
    // The edge day: six stories of 3 mentions from 10:00, so one is left out of the digest and 1 of each is in the range.
    const edgeStories = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'].map((id) => story(id, DAY0 + 10 * HOUR, 3));
    const edge = storyDayDigest(edgeStories);
    expect(edge.top).toHaveLength(DIGEST_TOP);
    expect(digestAnswer(edge, from.getTime(), to.getTime(), DIGEST_TOP)).toBeNull();
    const small = storyDayDigest(edgeStories.slice(0, 2));
    const edges = new Map([['edge', edge], ['small', small]]);
    // Whatever it hides, it holds every story the list could take from it where every edge day keeps them all.
    const exact = (known: Story[], read: string[]) => {
      const all = [...known, ...[...edges].flatMap(([day, d]) => (read.includes(day) ? (day === 'edge' ? edgeStories : edgeStories.slice(0, 2)) : d.top))];
      return all.map((s) => ({ ...s, inRange: listedMentions(s, from, to) })).filter((s) => s.inRange > 0).sort(byLargest).slice(0, DIGEST_TOP).map((s) => s.id);
    };
    // Five stories with more mentions in the range (4) than the edge day's last kept one has in all (3): nothing to read.
    const big = ['b1', 'b2', 'b3', 'b4', 'b5'].map((id) => story(id, DAY0 + DAY, 4));
    expect(edgeDaysToRead(big, edges, from, to, DIGEST_TOP)).toEqual([]);
    expect(exact(big, [])).toEqual(exact(big, ['edge', 'small']));
    // As many (3): a left-out story could tie on mentions and win on reach or id, so the day is read.
    const tied = ['t1', 't2', 't3', 't4', 't5'].map((id) => story(id, DAY0 + DAY, 3));
    expect(edgeDaysToRead(tied, edges, from, to, DIGEST_TOP)).toEqual(['edge']);
    // Fewer known stories than the list takes: the edge day is read; a day whose digest keeps all its stories never is.
    expect(edgeDaysToRead(big.slice(0, 2), edges, from, to, DIGEST_TOP)).toEqual(['edge']);
    expect(edgeDaysToRead(big, edges, from, to, DIGEST_TOP + 1)).toEqual(['edge', 'small']);
    // A known story that began after the range or ended before it does not count toward the bar.
    expect(edgeDaysToRead([...big.slice(0, 4), story('late', to.getTime(), 9)], edges, from, to, DIGEST_TOP)).toEqual(['edge']);
  });
});
