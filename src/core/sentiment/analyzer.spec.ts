import { describe, expect, it } from '@jest/globals';
import { createAnalyzer } from './analyzer.js';
import { parseCrisisTerms } from './crisis-terms.js';

const terms = parseCrisisTerms(
  ['en:', '  food-safety:', '    severity: 0.9', '    terms: [food poisoning, recall]', 'zh:', '  food-safety:', '    severity: 0.9', '    terms: [吃出头发, 食物中毒]'].join('\n'),
  'test.yaml',
);
if (!terms.ok) throw new Error(terms.errors.join('\n'));
const analyzer = createAnalyzer({ crisisTerms: terms.terms });
const score = (text: string, extra: { rating?: number; lang?: string } = {}): number => analyzer.analyze({ text, ...extra }).score;

describe('English', () => {
  it('reads plain praise as positive and plain complaints as negative', () => {
    expect(analyzer.analyze({ text: 'The staff were friendly and the food was delicious' }).label).toBe('positive');
    expect(analyzer.analyze({ text: 'The food was cold and the waiter was rude' }).label).toBe('negative');
  });

  it('flips a negated word and keeps "not bad" only mildly positive', () => {
    expect(score('this is not good')).toBeLessThan(0);
    expect(score('this is not bad')).toBeGreaterThan(0);
    expect(score('this is not bad')).toBeLessThan(score('this is good'));
  });

  it('stops negation at the end of a clause', () => {
    expect(score("I don't know. Great product")).toBeGreaterThan(0);
  });

  it('lets the clause after "but" outweigh the one before it', () => {
    expect(score('The food was great but the delivery was terrible')).toBeLessThan(0);
    expect(score('The delivery was terrible but the food was great')).toBeGreaterThan(0);
  });

  it('weighs a clause conceded with "although" less than the main clause', () => {
    expect(score('Although the packaging was lovely, the cake was stale')).toBeLessThan(0);
  });

  it('keeps "no" negative when nothing after it carries sentiment', () => {
    expect(score('No tacos for you.')).toBeLessThan(0);
  });

  it('strengthens a word with intensifiers, ALL-CAPS and exclamation marks', () => {
    const plain = score('the service is good');
    expect(score('the service is very good')).toBeGreaterThan(plain);
    expect(score('the service is GOOD')).toBeGreaterThan(plain);
    expect(score('the service is good!!!')).toBeGreaterThan(plain);
    expect(score('the service is slightly good')).toBeLessThan(plain);
  });

  it('scores emoticons, emoji and complaint phrases', () => {
    expect(score('landed at last :)')).toBeGreaterThan(0);
    expect(score('my order &gt;:[')).toBeLessThan(0);
    expect(score('my parcel 😡')).toBeLessThan(0);
    expect(score('never again')).toBeLessThan(0);
    expect(score('total rip off')).toBeLessThan(0);
  });
});

describe('Chinese', () => {
  it('reads review praise and complaints', () => {
    expect(analyzer.analyze({ text: '味道很好，送餐也很快' }).label).toBe('positive');
    expect(analyzer.analyze({ text: '太难吃了，而且送得超级慢' }).label).toBe('negative');
  });

  it('negates within the clause: 不好吃 is negative, 不难吃 only mildly positive', () => {
    expect(score('这家的菜不好吃')).toBeLessThan(0);
    expect(score('这家的菜不难吃')).toBeGreaterThan(0);
    expect(score('这家的菜不难吃')).toBeLessThan(score('这家的菜好吃'));
  });

  it('softens negation over a degree adverb: 不太好 is milder than 不好', () => {
    expect(score('服务不太好')).toBeLessThan(0);
    expect(score('服务不太好')).toBeGreaterThan(score('服务不好'));
    expect(score('菜不是很好吃')).toBeLessThan(0);
  });

  it('weights degree adverbs: 非常好 above 好 above 有点好', () => {
    expect(score('非常满意')).toBeGreaterThan(score('满意'));
    expect(score('有点失望')).toBeGreaterThan(score('很失望'));
  });

  it('lets the clause after 但是 / 不过 / 就是 outweigh the one before', () => {
    expect(score('味道不错，但是送得太慢了')).toBeLessThan(0);
    expect(score('虽然有点贵，但是很好吃')).toBeGreaterThan(0);
    expect(score('包装很好，就是分量太少')).toBeLessThan(0);
  });

  it('reads aspect and adjective together: 性价比高 is praise, 价格高 a complaint', () => {
    expect(score('性价比很高')).toBeGreaterThan(0);
    expect(score('价格太高')).toBeLessThan(0);
    expect(score('分量少')).toBeLessThan(0);
  });

  it('scores Weibo emoticons and internet slang', () => {
    expect(score('今天的演唱会[哈哈][爱你]')).toBeGreaterThan(0);
    expect(score('又排了两个小时[怒][泪]')).toBeLessThan(0);
    expect(score('这家奶茶yyds，绝绝子')).toBeGreaterThan(0);
    expect(score('踩雷了，纯纯智商税，避雷')).toBeLessThan(0);
    expect(score('呵呵哒')).toBeLessThan(0);
  });

  it('reads an unlisted Weibo emoticon by its name, without its character series ([小黄人开心] is [开心])', () => {
    expect(score('[小黄人开心]')).toBeGreaterThan(0);
    expect(score('[胡巴伤心]')).toBeLessThan(0);
    expect(score('[辱骂]')).toBeLessThan(0);
    expect(score('[音乐]')).toBe(0);
  });

  it('reads [允悲] (wry sadness) and [费解] (baffled) as mildly negative, and [跪了] as neither', () => {
    expect(score('[允悲]')).toBeLessThan(0);
    expect(score('[费解]')).toBeLessThan(0);
    expect(score('[跪了]')).toBe(0);
  });

  it('treats a missing item (没有 + noun) as a complaint', () => {
    expect(score('没有筷子')).toBeLessThan(0);
  });
});

describe('mixed language', () => {
  it('detects a Chinese post with English words as Chinese and scores the English words too', () => {
    const a = analyzer.analyze({ text: '这个蛋糕真的very good' });
    expect(a.lang).toBe('zh');
    expect(a.label).toBe('positive');
  });

  it('honours a language the source gives', () => {
    expect(analyzer.analyze({ text: 'ok', lang: 'zh-CN' }).lang).toBe('zh');
  });
});

describe('ratings', () => {
  it('makes a 1-star review with neutral words negative and a 5-star one positive', () => {
    expect(analyzer.analyze({ text: 'It arrived on Tuesday.', rating: 1 }).label).toBe('negative');
    expect(analyzer.analyze({ text: '周二到的货', rating: 5 }).label).toBe('positive');
  });

  it('reads the rating on its own scale', () => {
    expect(analyzer.analyze({ text: 'It arrived on Tuesday.', rating: 2, ratingScale: 10 }).label).toBe('negative');
  });

  it('ignores a rating outside the scale', () => {
    expect(analyzer.analyze({ text: 'It arrived on Tuesday.', rating: 7 }).label).toBe('neutral');
  });
});

describe('crisis terms, keywords and explanations', () => {
  it('flags crisis terms separately from polarity, in both languages', () => {
    expect(analyzer.analyze({ text: '外卖里吃出头发' }).crisis).toEqual([{ term: '吃出头发', category: 'food-safety', severity: 0.9 }]);
    expect(analyzer.analyze({ text: 'Half the office got Food Poisoning' }).crisis.map((c) => c.term)).toEqual(['food poisoning']);
    expect(analyzer.analyze({ text: 'They recalled the batch' }).crisis.map((c) => c.term)).toEqual(['recall']);
    expect(analyzer.analyze({ text: 'Recallable? No.' }).crisis).toEqual([]);
  });

  it('extracts short lower-cased keywords without stop words, at most five', () => {
    expect(analyzer.analyze({ text: 'The Delivery was late and the delivery driver was rude' }).keywords).toEqual(['delivery', 'late', 'driver', 'rude']);
    const zh = analyzer.analyze({ text: '骑手态度很差，米饭都凉了，骑手还不道歉' }).keywords;
    expect(zh[0]).toBe('骑手');
    expect(zh).toContain('米饭');
    expect(zh).not.toContain('很');
    expect(analyzer.analyze({ text: 'apple banana cherry grape melon peach plum' }).keywords).toHaveLength(5);
  });

  it('lists the tokens that moved the score only when asked', () => {
    expect(analyzer.analyze({ text: '不太好吃' }).explain).toBeUndefined();
    const explain = analyzer.analyze({ text: 'not good, never again' }, { explain: true }).explain ?? [];
    expect(explain.map((c) => [c.token, c.rule])).toEqual([
      ['good', 'negated'],
      ['never', 'phrase'],
    ]);
  });

  it('is deterministic', () => {
    const text = '味道不错，但是送得太慢了 [怒] but ok';
    expect(createAnalyzer().analyze({ text }, { explain: true })).toEqual(createAnalyzer().analyze({ text }, { explain: true }));
  });
});

describe('brand and competitor names', () => {
  const names = ['luhuo', '炉火面馆', 'Sunrise Kitchen', '日出厨房', '港湾面馆'];

  it('never score: 炉火面馆 is not the dictionary word 炉火', () => {
    const bare = analyzer.analyze({ text: '炉火面馆', lang: 'zh', names }, { explain: true });
    expect(bare).toMatchObject({ score: 0, label: 'neutral', keywords: [] });
    expect(bare.explain).toEqual([]);
    const launch = analyzer.analyze({ text: '炉火面馆新品上市，太好吃了，绝了！今天还第二份半价', lang: 'zh', names }, { explain: true });
    expect(launch.label).toBe('positive');
    expect(launch.explain!.every((c) => c.weight > 0)).toBe(true);
  });

  it('never become topics, nor do their pieces (日出, 厨房) or filler words (怀疑, 事情)', () => {
    const a = analyzer.analyze({ text: '日出厨房的鸡饭吃出问题，怀疑这件事情和港湾面馆一样，日出厨房快回应', lang: 'zh', names });
    expect(a.keywords).not.toEqual(expect.arrayContaining(['日出']));
    for (const k of ['日出', '厨房', '日出厨房', '港湾', '面馆', '怀疑', '事情']) expect(a.keywords).not.toContain(k);
    expect(a.keywords).toContain('鸡饭');
    const en = analyzer.analyze({ text: 'Sunrise Kitchen chicken rice made me sick; sunrise kitchen must answer', names });
    expect(en.keywords).not.toContain('sunrise');
    expect(en.keywords).not.toContain('kitchen');
  });

  it('masks Latin names only as whole words, in any case', () => {
    expect(analyzer.analyze({ text: 'LUHUO is great', names }).keywords).toEqual(['great']);
    expect(analyzer.analyze({ text: 'luhuoxyz is great', names }).keywords).toEqual(['luhuoxyz', 'great']);
  });

  it('reads 绝了 as praise and 半价 as neutral', () => {
    expect(score('这碗面绝了', { lang: 'zh' })).toBeGreaterThan(0);
    expect(score('今天半价', { lang: 'zh' })).toBe(0);
  });
});
