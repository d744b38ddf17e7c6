import { describe, expect, it } from '@jest/globals';
import { ENGLISH_WORDS, englishWord } from './english-lexicon.js';
import { WordFilter } from './word-filter.js';

const absent = Array.from({ length: 10000 }, (_, i) => `zq${i.toString(36)}x`);

describe(WordFilter.name, () => {
  it('may hold every word it was built from, at any size', () => {
    const words = [...ENGLISH_WORDS.keys(), '', ':-)', '好评', "can't", 'ünïcödé'];
    for (const log2Bits of [20, 10]) {
      const filter = new WordFilter(words, log2Bits);
      expect(words.filter((w) => !filter.mayHold(w))).toEqual([]);
    }
  });

  it('rules out almost every word it was not built from', () => {
    const filter = new WordFilter(ENGLISH_WORDS.keys());
    expect(absent.filter((w) => filter.mayHold(w)).length).toBeLessThan(absent.length * 0.05);
    expect(new WordFilter([]).mayHold('good')).toBe(false);
  });
});

describe('englishWord', () => {
  it('finds what the word table holds, and nothing else', () => {
    for (const [w, entry] of ENGLISH_WORDS) if (englishWord(w) !== entry) throw new Error(`"${w}" not found`);
    for (const w of [...absent, 'Good', 'good!', '']) expect(englishWord(w)).toBe(ENGLISH_WORDS.get(w));
    expect(englishWord('good')?.valence).toBeGreaterThan(0);
  });
});
