import { describe, expect, it } from '@jest/globals';
import type { StoryPost } from '../core/stories/features.js';
import { addToStory, mergeStories, type Story } from '../core/stories/story.js';
import { packedLastAt, packStory, unpackStory } from './story-pack.js';

const post = (id: string, minute: number, reach: number): StoryPost => ({
  id,
  brand: 'acme',
  platform: 'weibo',
  text: `阿克米的外卖 ${id}`,
  url: `https://weibo.example.com/${id}`,
  author: { name: 'Li Lei' },
  publishedAt: new Date(Date.UTC(2026, 10, 20, 8, minute)),
  reach,
  polarity: 'negative',
  topics: ['外卖'],
  names: [],
});
const stored = (s: Story) => ({ ...s, _id: s.id, reps: ['c2lnbmF0dXJl'] });

describe('a story as its documents store it', () => {
  it("leaves out a new story's top post (its first post) and its id, and gives them back", () => {
    const fresh = stored(addToStory(null, 'st-1', post('weibo:1', 0, 5)));
    const text = packStory(fresh);
    expect(Object.keys(JSON.parse(text) as object)).not.toContain('top');
    expect(Object.keys(JSON.parse(text) as object)).not.toContain('_id');
    expect(unpackStory(text)).toEqual(fresh);
  });

  it('keeps a top post that is another post, and one equal to the first only by value reads the same', () => {
    const merged = stored(mergeStories(addToStory(null, 'st-2', post('weibo:1', 0, 5)), addToStory(null, 'st-2', post('weibo:2', 5, 900))));
    expect(JSON.parse(packStory(merged))).toHaveProperty('top.mention', 'weibo:2');
    expect(unpackStory(packStory(merged))).toEqual(merged);
    const copied = { ...merged, top: { ...merged.first, publishedAt: new Date(merged.first.publishedAt) } };
    expect(JSON.parse(packStory(copied))).not.toHaveProperty('top');
    expect(unpackStory(packStory(copied))).toEqual(copied);
  });

  it('reads a text written whole by an earlier version', () => {
    const whole = stored(mergeStories(addToStory(null, 'st-3', post('weibo:3', 0, 50)), addToStory(null, 'st-3', post('weibo:4', 1, 1))));
    expect(unpackStory(JSON.stringify(whole))).toEqual(whole);
  });

  it("reads a packed story's lastAt without parsing it, whatever its posts and topics say", () => {
    const tricky = { ...post('weibo:5', 7, 3), text: 'quoted "lastAt":"2030-01-01T00:00:00.000Z" here', topics: ['lastAt'] };
    const story = stored(mergeStories(addToStory(null, 'st-4', post('weibo:6', 40, 2)), addToStory(null, 'st-4', tricky)));
    expect(packedLastAt(packStory(story))).toBe(Date.UTC(2026, 10, 20, 8, 40));
    expect(packedLastAt(JSON.stringify(story))).toBe(story.lastAt.getTime());
    expect(packedLastAt('{"id":"st-5"}')).toBeNaN();
  });
});
