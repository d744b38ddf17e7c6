import { describe, expect, it } from '@jest/globals';
import { createAnalyzer } from './analyzer.js';
import { ratingPolarity } from './rating.js';

describe('ratingPolarity (inputs found by fuzzing the analysers)', () => {
  it('ignores a rating on a scale that is not a finite number', () => {
    expect(ratingPolarity(0, Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(ratingPolarity(0, Number.NaN)).toBeUndefined();
    expect(ratingPolarity(1, 5)).toBe(-1);
  });

  it('keeps the score a number in [-1, 1] whatever the rating scale', () => {
    const analyzer = createAnalyzer();
    for (const ratingScale of [Number.POSITIVE_INFINITY, Number.NaN]) {
      for (const lang of ['en', 'zh', undefined]) expect(analyzer.analyze({ text: '', lang, rating: 0, ratingScale }).score).toBe(0);
    }
  });
});
