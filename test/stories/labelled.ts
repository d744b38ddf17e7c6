import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoryPost } from '../../src/core/stories/features.js';

/**
 * The hand-written labelled story set (labelled.jsonl, written for goldenhour): 313 posts in 82 stories
 * about one brand (阿克米 / Acme), Chinese and English, with Weibo chains ("转发微博", "//@a: …"), retweets,
 * quotes with comments, light edits, one news item on several sites and platforms (with and without its
 * link, translated with the link), and unrelated posts sharing the brand and many words.
 */
export interface LabelledPost {
  story: string;
  post: StoryPost;
}

export const LABELLED_NAMES = ['Acme Foods', 'Acme', '阿克米'];

/** The labelled posts in publication order (as ingest would see them). */
export function labelledPosts(): LabelledPost[] {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'labelled.jsonl').replace(`${join('dist', 'test')}`, 'test');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { story: string; id: string; platform: string; author: string; publishedAt: string; title?: string; text: string })
    .map((r) => ({
      story: r.story,
      post: { id: `${r.platform}:${r.id}`, brand: 'acme', platform: r.platform, author: { name: r.author }, publishedAt: new Date(r.publishedAt), ...(r.title ? { title: r.title } : {}), text: r.text, reach: 0, polarity: 'neutral' as const, names: LABELLED_NAMES },
    }))
    .sort((a, b) => a.post.publishedAt.getTime() - b.post.publishedAt.getTime());
}
