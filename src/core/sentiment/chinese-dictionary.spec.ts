import { describe, expect, it } from '@jest/globals';
import { DICTIONARY_WEIGHT, rateDictionary, rateSense } from './chinese-dictionary.js';

// A few entries written in CC-CEDICT's line format (`Traditional Simplified [pinyin] /sense/sense/`), with a
// small English lexicon on VADER's scale.
const valence = new Map([
  ['good', 1.9],
  ['great', 3.1],
  ['mess', -1.5],
  ['insult', -2.1],
  ['happy', 2.7],
  ['kind', 1.6],
  ['block', -1.2],
]);
const cedict = [
  '# a comment line',
  '很棒 很棒 [hen3 bang4] /great/very good/',
  '一團糟 一团糟 [yi1 tuan2 zao1] /a complete mess/',
  '辱罵 辱骂 [ru3 ma4] /to insult/to hurl insults/',
  '不好 不好 [bu4 hao3] /not good/',
  '一種 一种 [yi1 zhong3] /one kind of/CL:個|个[ge4]/',
  '快樂谷 快乐谷 [Kuai4 le4 gu3] /Happy Valley (place name)/',
  '好 好 [hao3] /good/',
  '太開心了吧 太开心了吧 [tai4 kai1 xin1 le5 ba5] /so happy/',
  '多義 多义 [duo1 yi4] /great/table/chair/lamp/',
  '街區 街区 [jie1 qu1] /block (between streets)/',
  '高興 高兴 [gao1 xing4] /happy/',
  '高興 高兴 [gao1 xing4] /glad (variant reading)/',
].join('\n');

describe(rateDictionary.name, () => {
  const rated = rateDictionary(cedict, valence);

  it('rates a word by the mean of its senses, scaled down as a fallback to hand-rated words', () => {
    expect(rated.get('很棒')).toBeCloseTo(((3.1 + 1.9) / 2) * DICTIONARY_WEIGHT, 3);
    expect(rated.get('一团糟')).toBeCloseTo(-1.5 * DICTIONARY_WEIGHT, 3);
    expect(rated.get('辱骂')).toBeLessThan(0);
  });

  it('reads "not" in a sense as turning the word after it', () => {
    expect(rated.get('不好')).toBeLessThan(0);
  });

  it('leaves out senses that name places or people, measure words, and homographs ("kind of")', () => {
    expect(rated.has('快乐谷')).toBe(false);
    expect(rated.has('一种')).toBe(false);
    expect(rated.has('街区')).toBe(false);
  });

  it('keeps only words of two to four Han characters', () => {
    expect(rated.has('好')).toBe(false);
    expect(rated.has('太开心了吧')).toBe(false);
  });

  it('drops a word whose one rated sense is diluted by neutral ones', () => {
    expect(rated.has('多义')).toBe(false);
  });

  it('pools the senses of a word listed under two readings', () => {
    expect(rated.get('高兴')).toBeCloseTo((2.7 / 2) * DICTIONARY_WEIGHT, 3);
  });
});

describe(rateSense.name, () => {
  it('ignores bracketed notes and caps one sense at ±4', () => {
    expect(rateSense('(Tw) good', valence)).toBeCloseTo(1.9, 3);
    expect(rateSense('great great great', valence)).toBe(4);
  });
});
