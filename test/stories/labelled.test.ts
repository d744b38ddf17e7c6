import { describe, expect, it } from '@jest/globals';
import { pairwiseScore } from '../../src/core/stories/pairwise.js';
import { StoryIndex } from '../../src/core/stories/story-index.js';
import { labelledPosts } from './labelled.js';

describe('story matching on the labelled set', () => {
  const posts = labelledPosts();

  it('holds at least 300 posts in at least 40 stories, Chinese and English', () => {
    expect(posts.length).toBeGreaterThanOrEqual(300);
    expect(new Set(posts.map((p) => p.story)).size).toBeGreaterThanOrEqual(40);
    expect(posts.some((p) => /[\u4e00-\u9fff]/.test(p.post.text)) && posts.some((p) => /^[\x00-\x7f]+$/.test(p.post.text))).toBe(true);
  });

  it('puts the same story together (pairwise precision ≥ 0.95, recall ≥ 0.90)', () => {
    const index = new StoryIndex();
    const predicted = posts.map((p) => index.assign(p.post).story);
    const score = pairwiseScore(posts.map((p) => p.story), predicted);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });
});
