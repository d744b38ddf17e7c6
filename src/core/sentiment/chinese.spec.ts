import { describe, expect, it } from '@jest/globals';
import { createAnalyzer } from './analyzer.js';
import { segmentChinese } from '../text/segment.js';

const analyzer = createAnalyzer();
const score = (text: string): number => analyzer.analyze({ text }).score;

describe(segmentChinese.name, () => {
  it('finds our words by longest match and keeps a sentiment word whole across a degree word (很|好吃, 真|好吃)', () => {
    expect(segmentChinese('菜很好吃')).toEqual(['菜', '很', '好吃']);
    expect(segmentChinese('真好吃')).toEqual(['真', '好吃']);
    expect(segmentChinese('服务很好，')).toContain('很好');
  });

  it('prefers our own words to a blocker when both readings cover the same text (强烈推荐|给, not 强烈|推荐给)', () => {
    expect(segmentChinese('强烈推荐给大家')).toEqual(['强烈推荐', '给', '大家']);
  });

  it("keeps ordinary words that contain one of our single characters whole (jieba's dictionary blocks them)", () => {
    expect(segmentChinese('我在美国')).toContain('美国');
    expect(segmentChinese('这个很重要')).toContain('重要');
  });

  it('keeps Latin words and numbers whole, and does not find "nb" inside "nba"', () => {
    expect(segmentChinese('看nba比赛')).toContain('nba');
    expect(segmentChinese('花了4299元')).toContain('4299');
  });

  it('cuts a long unknown stretch with jieba', () => {
    expect(segmentChinese('临近火车站双层玻璃')).toEqual(expect.arrayContaining(['火车站', '玻璃']));
  });
});

describe('Chinese review structure', () => {
  it('reads the last clause as the verdict', () => {
    expect(score('送得太慢了，味道很好')).toBeGreaterThan(0);
    expect(score('味道很好，送得太慢了')).toBeLessThan(0);
  });

  it('weighs the headline (the first clause with sentiment) above a clause in the middle', () => {
    expect(score('好吃，难看，满意')).toBeGreaterThan(score('难看，好吃，满意'));
  });

  it('lets a conclusion (总的来说/总之) outweigh what came before', () => {
    expect(score('房间有点小，早餐一般。总的来说，很满意，性价比高')).toBeGreaterThan(0);
    expect(score('位置不错，早餐丰富。总之，服务太差，不推荐')).toBeLessThan(0);
  });

  it('keeps praise ahead of a minor reservation after 就是 / 只是, unlike 但是', () => {
    expect(score('很好吃，就是米饭少了点')).toBeGreaterThan(0);
    expect(score('很好吃，但是米饭太少了')).toBeLessThan(score('很好吃，就是米饭少了点'));
  });

  it('makes a complaint followed by "a bit" (咸了点) a mild one', () => {
    expect(score('有点咸了点')).toBeLessThan(0);
    expect(score('咸了点')).toBeGreaterThan(score('咸'));
  });

  it('reads the return verdicts of reviews', () => {
    expect(score('下次不会再来了')).toBeLessThan(0);
    expect(score('还会再来')).toBeGreaterThan(0);
    expect(score('不推荐')).toBeLessThan(0);
  });

  it('knows hotel, laptop, book and delivery words', () => {
    expect(score('隔音太差')).toBeLessThan(0);
    expect(score('散热不错，运行流畅')).toBeGreaterThan(0);
    expect(score('错别字太多，内容空洞')).toBeLessThan(0);
    expect(score('大冷天的，辛苦送餐小哥了')).toBeGreaterThan(0);
  });

  it('does not read a graphics card (显卡) or one night (一晚) as a complaint', () => {
    expect(score('显卡是独立的')).toBe(0);
    expect(score('400一晚')).toBe(0);
  });
});

describe('Chinese wishes, comparisons and jokes', () => {
  it('reads praise inside a wish (如果…会更好吃) as a mild complaint', () => {
    expect(score('如果饼薄一些会更好吃')).toBeLessThan(0);
    expect(score('如果饼薄一些会更好吃')).toBeGreaterThan(score('饼太厚了，不好吃'));
  });

  it('negates a comparison with expectations (没有想象中的好吃)', () => {
    expect(score('没有想象中的好吃')).toBeLessThan(0);
  });

  it('discounts complaint words in a post that laughs', () => {
    expect(score('太倒霉了哈哈哈哈')).toBeGreaterThan(score('太倒霉了'));
    expect(score('笑死我了')).toBeGreaterThan(0);
    expect(score('又迟到了[doge]')).toBeGreaterThan(score('又迟到了'));
  });
});

describe('Chinese faint praise and rhetorical questions', () => {
  it('counts faint praise (还可以, 还行) far below real praise', () => {
    expect(score('味道还可以')).toBeGreaterThan(0);
    expect(score('味道还可以')).toBeLessThan(score('味道可以') / 2);
  });

  it('reads a rhetorical question as a complaint', () => {
    expect(score('有你们这么卖东西的吗？')).toBeLessThan(0);
    expect(score('难道这也叫好吃？')).toBeLessThan(0);
    expect(score('这也叫好吃')).toBeGreaterThan(0);
  });

  it('reads 不是一般的 as "extraordinarily", and 不是第一次 ("not the first time") as no negation', () => {
    expect(score('不是一般的难吃')).toBeLessThan(score('难吃'));
    expect(score('配送已经不是第一次这么慢')).toBeLessThan(0);
  });
});

describe('the bilingual dictionary fallback', () => {
  it('rates words our lists lack from their dictionary senses, and says so in the explanation', () => {
    const mess = analyzer.analyze({ text: '做得一塌糊涂' }, { explain: true });
    expect(mess.label).toBe('negative');
    expect(mess.explain).toEqual([expect.objectContaining({ token: '一塌糊涂', rule: 'dictionary' })]);
    expect(score('风景美不胜收')).toBeGreaterThan(0);
  });

  it('keeps plain words neutral where the dictionary or an old list rated them (送达 "delivered", 意思, 街区 "city block")', () => {
    expect(score('外卖已送达')).toBe(0);
    expect(score('这是什么意思')).toBe(0);
    expect(score('江南街区')).toBe(0);
    expect(score('她就是个绿茶婊')).toBeLessThan(0);
  });

  it('lets our own words win over the dictionary', () => {
    const rated = analyzer.analyze({ text: '偷工减料' }, { explain: true });
    expect(rated.explain).toEqual([expect.objectContaining({ token: '偷工减料', rule: 'lexicon' })]);
  });
});
