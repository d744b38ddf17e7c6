import { describe, expect, it } from '@jest/globals';
import { storyAbout } from './story-about.js';
import type { StoryRef } from './story.js';

const story = (id: string, mentions: number): StoryRef => ({ id, mentions, platforms: ['weibo'], first: { platform: 'weibo', text: 'first post', publishedAt: new Date('2026-03-02T10:00:00Z') } });

describe('the story evidence is about', () => {
  it("is a viral post's own story, however small", () => {
    expect(storyAbout({ kinds: ['viral_post'], stories: [story('v', 1), story('w', 1)] })?.id).toBe('v');
  });

  it('is the largest story when it has at least three mentions and twice the next one', () => {
    expect(storyAbout({ kinds: ['negative_surge'], stories: [story('s', 6), story('t', 3)] })?.id).toBe('s');
    expect(storyAbout({ kinds: ['negative_surge'], stories: [story('s', 5), story('t', 3)] })).toBeUndefined();
    expect(storyAbout({ kinds: ['volume_surge'], stories: [story('s', 2), story('t', 1)] })).toBeUndefined();
  });

  it('is a lone story once it has three mentions: one or two are not yet a story to group by', () => {
    expect(storyAbout({ kinds: ['negative_surge'], stories: [story('complaint', 3)] })?.id).toBe('complaint');
    expect(storyAbout({ kinds: ['negative_surge'], stories: [story('complaint', 2)] })).toBeUndefined();
  });

  it('is none for a wave of unrelated posts, or without stories', () => {
    expect(storyAbout({ kinds: ['negative_surge', 'volume_surge'], stories: [story('a', 2), story('b', 2), story('c', 1)] })).toBeUndefined();
    expect(storyAbout({ kinds: ['negative_surge'] })).toBeUndefined();
  });
});
