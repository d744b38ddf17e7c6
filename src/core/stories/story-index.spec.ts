import { describe, expect, it } from '@jest/globals';
import type { StoryPost } from './features.js';
import { StoryIndex, WINDOW_DAYS } from './story-index.js';

let n = 0;
const post = (text: string, over: Partial<StoryPost> = {}): StoryPost => ({
  id: `weibo:${++n}`,
  brand: 'acme',
  platform: 'weibo',
  text,
  publishedAt: new Date('2026-05-11T09:00:00Z'),
  reach: 0,
  polarity: 'negative',
  names: ['阿克米', 'Acme'],
  ...over,
});

const ORIGINAL = '吃了阿克米的外卖，全家食物中毒，孩子上吐下泻进了医院！订单是昨晚在人民路店点的宫保鸡丁饭';

describe(StoryIndex.name, () => {
  it('starts a story named after its first post and puts a light edit on another platform in it', () => {
    const index = new StoryIndex();
    const first = index.assign(post(ORIGINAL, { author: { name: '小王妈妈' } }));
    expect(first).toMatchObject({ story: first.story, by: 'new' });
    const edit = index.assign(post('【避雷】吃了阿克米的外卖，全家食物中毒，孩子上吐下泻进了医院！订单是昨晚人民路店的宫保鸡丁饭', { platform: 'xiaohongshu' }));
    expect(edit).toMatchObject({ story: first.story, by: 'text' });
  });

  it('joins a repost with a comment through the chain even when the comment is longer than the quote', () => {
    const index = new StoryIndex();
    const first = index.assign(post('全家食物中毒了', { author: { name: '小王妈妈' } }));
    const repost = index.assign(post('这家店我去过很多次，从来没出过问题，这次到底怎么回事，希望早点调查清楚//@小王妈妈:全家食物中毒了'));
    expect(repost).toMatchObject({ story: first.story, by: 'repost' });
  });

  it('joins posts sharing a link, in any language', () => {
    const index = new StoryIndex();
    const en = index.assign(post('Acme recalls salad https://foodnews.example.com/2026/05/acme-salad-recall', { platform: 'x' }));
    const zh = index.assign(post('阿克米召回沙拉 https://www.foodnews.example.com/2026/05/acme-salad-recall?utm_source=weibo'));
    expect(zh).toMatchObject({ story: en.story, by: 'link' });
  });

  it('keeps apart posts that share the brand and a few words but tell different things', () => {
    const index = new StoryIndex();
    const a = index.assign(post(ORIGINAL));
    const b = index.assign(post('阿克米的宫保鸡丁饭今天很好吃，人民路店送得也快'));
    expect(b.story).not.toBe(a.story);
    expect(index.assign(post('转发微博')).by).toBe('new');
  });

  it('forgets days older than the window: a post after that starts a new story', () => {
    const index = new StoryIndex();
    const first = index.assign(post(ORIGINAL));
    const later = new Date(Date.parse('2026-05-11T09:00:00Z') + WINDOW_DAYS * 86_400_000);
    expect(index.assign(post(ORIGINAL, { publishedAt: later })).story).not.toBe(first.story);
    expect(index.size().days).toBe(1);
  });

  it('reports the keys a post added so a store can keep them, and takes them back after a restart', () => {
    const index = new StoryIndex();
    const first = index.assign(post(ORIGINAL));
    const restarted = new StoryIndex();
    restarted.restore(first.added);
    restarted.restoreStory(first.story, first.reps!, first.added.day);
    expect(restarted.assign(post(`${ORIGINAL}！！`)).story).toBe(first.story);
  });

  it('takes back band keys stored with all 32 bits by earlier versions', () => {
    const index = new StoryIndex();
    const first = index.assign(post(ORIGINAL));
    // Earlier versions kept the top two bits, which keys now drop; the text alone has to match (no evidence keys).
    const stored = { ...first.added, evidence: [], bands: first.added.bands.map(([k, s]): [number, string] => [(k | 0xc0000000) >>> 0, s]) };
    const restarted = new StoryIndex();
    restarted.restore(stored);
    restarted.restoreStory(first.story, first.reps!, first.added.day);
    expect(restarted.assign(post(`${ORIGINAL}！！`)).story).toBe(first.story);
  });
});
