import type { Case } from '../cases/case.js';
import type { StoryPostRef } from '../stories/story.js';
import { REMOVED_UNDER_RETENTION } from './evidence.js';

/**
 * What is left of copies of posts once they are past retention: the shape, times and numbers that lists,
 * timelines and counts read, without the text, link, author or post id.
 */

/** A story's first or top post: platform, time and reach stay. */
export function storyPostPastRetention(p: StoryPostRef): StoryPostRef {
  return { mention: '', platform: p.platform, text: REMOVED_UNDER_RETENTION, publishedAt: p.publishedAt, reach: p.reach };
}

/** The personal parts of a resolved case: its text, title, link, author and the texts of its mentions. The history, clock and counts stay. */
export function casePastRetention(c: Pick<Case, 'text' | 'title' | 'url' | 'author' | 'mentions'>): Pick<Case, 'text' | 'title' | 'url' | 'author' | 'mentions'> {
  return {
    text: REMOVED_UNDER_RETENTION,
    title: c.title === undefined ? undefined : REMOVED_UNDER_RETENTION,
    url: undefined,
    author: { followers: c.author.followers },
    mentions: c.mentions.map((m) => ({ id: '', text: REMOVED_UNDER_RETENTION, at: m.at })),
  };
}

/** The start of the UTC day `YYYYMMDD`. */
export function dayStartOf(day: string): Date {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))));
}
