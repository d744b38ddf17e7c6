import { describe, expect, it } from '@jest/globals';
import { emptyCounts, type BucketCounts } from '../mention/bucket.js';
import type { StoryRef } from '../stories/story.js';
import { causeSummary, type CauseInput } from './cause.js';
import { causeLines } from './cause-text.js';

const counts = (total: number, negative = 0): BucketCounts => ({ ...emptyCounts(), total, negative });
const story = (id: string, platform: string, at: string, text: string): StoryRef => ({
  id, mentions: 5, platforms: [platform], first: { platform, url: `https://${platform}.example/${id}`, author: 'poster', text, publishedAt: new Date(at) },
});
const from = new Date('2026-05-11T09:00:00Z');
const input = (over: Partial<CauseInput> = {}): CauseInput => ({
  from,
  to: new Date('2026-05-11T10:00:00Z'),
  usualFrom: new Date(from.getTime() - 7 * 86_400_000),
  // 100 mentions in the hour; usually 1,680 a week = 10 an hour.
  platformsNow: { weibo: counts(80, 60), douyin: counts(15, 5), news: counts(5) },
  platformsUsual: { weibo: counts(840, 84), douyin: counts(672, 67), news: counts(168, 17) },
  // The Weibo search recipe brought most of the surge; the Douyin recipe its usual share.
  sourcesNow: { 'weibo-search': 75, 'douyin-hot': 4, 'news-rss': 5 },
  sourcesUsual: { 'weibo-search': 672, 'douyin-hot': 672, 'news-rss': 168 },
  topicsNow: [
    { topic: '食品安全', kind: 'keyword', total: 40 },
    { topic: '配送', kind: 'keyword', total: 10 },
    { topic: '异物', kind: 'crisis', total: 1 },
  ],
  topicsUsual: [
    { topic: '配送', kind: 'keyword', total: 400 },
    { topic: '食品安全', kind: 'keyword', total: 3 },
  ],
  stories: [],
  topMentions: [],
  ...over,
});

describe('causeSummary', () => {
  it('names the terms whose share rose most against the last 7 days, with their counts and lift', () => {
    const c = causeSummary(input());
    // 食品安全: 40 % of mentions now against (3 + 1) / (1,680 + 1) usually → lift ≈ 168.
    expect(c.terms.map((t) => t.term)).toEqual(['食品安全']);
    expect(c.terms[0]).toMatchObject({ kind: 'keyword', now: 40, usual: 3 });
    expect(c.terms[0]!.lift).toBeGreaterThan(150);
    // 配送 is 10 % now and ~24 % usually: it did not rise. 异物 has one mention: one post is not a change.
  });

  it('names the platforms that grew beyond what their usual rate gives for the window', () => {
    const c = causeSummary(input());
    expect(c.mentions).toEqual({ now: 100, expected: 10 });
    expect(c.platforms).toEqual([
      { platform: 'weibo', now: 80, expected: 5 },
      { platform: 'douyin', now: 15, expected: 4 },
      { platform: 'news', now: 5, expected: 1 },
    ]);
  });

  it('names the sources that brought more mentions than usual', () => {
    expect(causeSummary(input()).sources).toEqual([
      { source: 'weibo-search', now: 75, expected: 4 },
      { source: 'news-rss', now: 5, expected: 1 },
    ]);
  });

  it('compares the negative share now with the usual one', () => {
    expect(causeSummary(input()).negativeShare).toEqual({ now: 0.65, usual: 0.1 });
  });

  it('takes the first post of the earliest story, the most engaged mention and examples from different stories', () => {
    const stories = [
      story('s2', 'douyin', '2026-05-11T09:10:00Z', '视频：外卖里吃出异物'),
      story('s1', 'weibo', '2026-05-11T08:55:00Z', '某品牌外卖吃出虫子'),
      story('s3', 'news', '2026-05-11T09:30:00Z', 'Regulator looks into the delivery complaint'),
    ];
    const topMentions = [
      { platform: 'weibo', externalId: '9', url: 'https://weibo.example/9', text: '转发 某品牌外卖吃出虫子', engagement: 900 },
      { platform: 'weibo', externalId: '8', text: 'another', engagement: 1200 },
    ];
    const c = causeSummary(input({ stories, topMentions }));
    expect(c.first).toMatchObject({ platform: 'weibo', url: 'https://weibo.example/s1', author: 'poster', story: 's1' });
    expect(c.mostEngaged).toMatchObject({ platform: 'weibo', engagement: 1200, text: 'another' });
    expect(c.examples.map((e) => e.story)).toEqual(['s2', 's1', 's3']);
  });

  it('fills the examples from the most engaged mentions when there are fewer stories, never the same text twice', () => {
    const topMentions = [
      { platform: 'weibo', externalId: '1', text: '外卖吃出虫子', engagement: 10 },
      { platform: 'weibo', externalId: '2', text: '外卖吃出虫子 ', engagement: 9 },
      { platform: 'xhs', externalId: '3', text: '再也不点了', engagement: 8 },
    ];
    const c = causeSummary(input({ stories: [story('s1', 'weibo', '2026-05-11T08:55:00Z', '外卖吃出虫子')], topMentions }));
    expect(c.examples.map((e) => e.text)).toEqual(['外卖吃出虫子', '再也不点了']);
  });

  it('is empty of terms and platforms for a brand without mentions in the window', () => {
    const c = causeSummary(input({ platformsNow: {}, topicsNow: [] }));
    expect(c).toMatchObject({ terms: [], platforms: [], mentions: { now: 0, expected: 10 }, negativeShare: { now: 0, usual: 0.1 }, examples: [] });
  });
});

describe('causeLines', () => {
  it('says the same facts in English and in Chinese', () => {
    const c = causeSummary(input({ stories: [story('s1', 'weibo', '2026-05-11T08:55:00Z', '某品牌外卖吃出虫子')] }));
    const en = causeLines(c, 'en');
    const zh = causeLines(c, 'zh');
    expect(en[0]).toBe('Why it fired: 100 mentions, about 10 expected');
    expect(zh[0]).toBe('告警原因：100 条提及，通常约 10 条');
    expect(en).toContain('Negative share 65% now, usually 10%');
    expect(zh).toContain('负面占比现在 65%，通常 10%');
    expect(en.find((l) => l.startsWith('Terms rising'))).toMatch(/"食品安全" ×\d+(\.\d+)? \(40 now, 3 in 7 days\)/);
    expect(zh.find((l) => l.startsWith('上升的词'))).toMatch(/“食品安全” ×\d+(\.\d+)?（现在 40 条，近 7 天 3 条）/);
    expect(en).toContain('Sources growing: weibo-search 75 (about 4 expected); news-rss 5 (about 1 expected)');
    expect(zh).toContain('增长的来源：weibo-search 75 条（通常约 4 条）；news-rss 5 条（通常约 1 条）');
    expect(en).toContain('First post: [weibo @poster] 某品牌外卖吃出虫子 https://weibo.example/s1');
    expect(zh).toContain('首发帖：[weibo @poster] 某品牌外卖吃出虫子 https://weibo.example/s1');
    expect(en.length).toBe(zh.length);
  });
});
