import { describe, expect, it } from '@jest/globals';
import { leaveOneSeriesOut } from './cross-validation.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe(leaveOneSeriesOut.name, () => {
  it('scores each series with the candidate chosen on the others, beside the one chosen on all', () => {
    // Candidate "fit" is best on series a and b only because of them; "general" is good everywhere.
    const scores = [
      [100, 100, 10], // fit
      [80, 80, 80], // general
    ];
    const cv = leaveOneSeriesOut(['fit', 'general'], ['a', 'b', 'c'], scores, mean);
    expect(cv.inSampleChoice).toBe('general');
    expect(cv.folds.map((f) => [f.series, f.chosen, f.heldOut])).toEqual([
      ['a', 'general', 80],
      ['b', 'general', 80],
      ['c', 'fit', 10],
    ]);
    expect(cv.meanHeldOut).toBeCloseTo(170 / 3);
    expect(cv.meanInSample).toBe(80);
  });

  it('keeps the earlier candidate on a tie', () => {
    const cv = leaveOneSeriesOut(['default', 'other'], ['a', 'b'], [[50, 50], [50, 50]], mean);
    expect(cv.folds.every((f) => f.chosen === 'default')).toBe(true);
  });

  it('refuses a single series, where nothing can be held out', () => {
    expect(() => leaveOneSeriesOut(['x'], ['a'], [[1]], mean)).toThrow(/two series/);
  });
});
