import { describe, expect, it } from '@jest/globals';
import { canonicalLink, readPost } from './post-text.js';

describe('readPost', () => {
  it('reads a Weibo repost chain: own words, who is quoted, and the innermost text as the content', () => {
    const p = readPost('心疼孩子//@老李:求扩散！！//@小王妈妈:吃了外卖，全家食物中毒，孩子进了医院');
    expect(p.own).toBe('心疼孩子');
    expect(p.chain.map((c) => c.user)).toEqual(['老李', '小王妈妈']);
    expect(p.content).toBe('吃了外卖,全家食物中毒,孩子进了医院'); // NFKC: full-width punctuation as ASCII
  });

  it('treats "转发微博" as no words of the poster, and quotes an English retweet the same way', () => {
    expect(readPost('转发微博//@a:原文内容在这里很长').own).toBe('');
    const rt = readPost('omg RT @burgerlover99: Found a cockroach in my burger');
    expect(rt.chain[0]?.user).toBe('burgerlover99');
    expect(rt.content).toBe('found a cockroach in my burger');
  });

  it('keys a quoted post exactly as its author wrote it, whatever the spacing of the chain', () => {
    const original = readPost('求扩散！！//@小王妈妈: 全家食物中毒');
    const repost = readPost('心疼 //@老李：求扩散！！ //@小王妈妈:全家食物中毒');
    expect(repost.chain[0]!.posted).toBe(original.posted);
  });

  it('collects shared links without tracking parameters and drops links to a front page', () => {
    const p = readPost('看到新闻 https://www.news.example.cn/a/1.html?utm_source=xhs&id=3#top 和 https://acme.example.com/');
    expect(p.links).toEqual(['news.example.cn/a/1.html?id=3']);
    expect(p.content).toBe('看到新闻 和');
  });
});

describe('canonicalLink', () => {
  it('writes every share of one link the same way', () => {
    expect(canonicalLink('https://foodnews.example.com/2026/05/recall/?utm_source=twitter')).toBe(canonicalLink('http://www.FoodNews.example.com/2026/05/recall'));
  });
});
