import { describe, expect, it } from '@jest/globals';
import { extractKeywords } from './keywords.js';

describe(extractKeywords.name, () => {
  it('keeps salient words, most frequent first, the first seen first among equals', () => {
    expect(extractKeywords(['the', 'Battery', 'died', 'battery', 'is', 'a', 'x', 'not', 'charger', 'died', 'battery'], (w) => w === 'not')).toEqual([
      'battery',
      'died',
      'charger',
    ]);
  });

  it('counts repeats alike before and after the text has many candidates', () => {
    const many = Array.from({ length: 30 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    const words = [...many, many[20]!, many[2]!, many[20]!, many[25]!, many[29]!, many[29]!, many[29]!, many[0]!];
    expect(extractKeywords(words)).toEqual([many[29], many[20], many[0], many[2], many[25]]);
  });
});
