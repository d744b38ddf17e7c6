import type { Story, StoryPostRef } from '../core/stories/story.js';

type Stored = Story & { _id: string };

/**
 * A story as a story document holds it in `j`: JSON text without what it would repeat — its `_id` (its `id`)
 * and its top post when that is its first post (every new story's delta, and most stories: one post, or the
 * first one the most engaged). A new story's delta is then about half as many bytes to encode, insert and
 * decode. Texts of earlier versions (with both) read the same.
 */
export function packStory(story: Stored): string {
  const { _id: _omitted, top, ...rest } = story;
  return JSON.stringify(samePost(top, story.first) ? rest : { ...rest, top });
}

/** A story from its `j` text (packed by packStory or by an earlier version), its times as Dates. */
export function unpackStory<T extends Stored>(text: string): T {
  const s = JSON.parse(text, reviveDates) as Omit<T, '_id' | 'top'> & Partial<Pick<T, '_id' | 'top'>>;
  return { ...s, _id: s._id ?? s.id, top: s.top ?? s.first } as T;
}

/**
 * A packed story's `lastAt` (epoch ms) without parsing the text, NaN when it has none: `"lastAt":"` occurs once, as the
 * story's own key (inside a text every quote is escaped, and no other key of a story holds text under that name).
 */
export function packedLastAt(text: string): number {
  const i = text.lastIndexOf(LAST_AT);
  return i < 0 ? NaN : Date.parse(text.slice(i + LAST_AT.length, text.indexOf('"', i + LAST_AT.length)));
}
const LAST_AT = '"lastAt":"';

/** The story's times come back as Dates (JSON keeps them as ISO text). */
const DATE_KEYS = new Set(['publishedAt', 'lastAt']);
export const reviveDates = (key: string, value: unknown) => (DATE_KEYS.has(key) && typeof value === 'string' ? new Date(value) : value);

function samePost(a: StoryPostRef, b: StoryPostRef): boolean {
  return a === b || (a.mention === b.mention && a.platform === b.platform && a.url === b.url && a.author === b.author && a.text === b.text && a.reach === b.reach && a.publishedAt.getTime() === b.publishedAt.getTime());
}
