import { describe, expect, it } from '@jest/globals';
import { pairwiseScore } from './pairwise.js';

describe('pairwiseScore', () => {
  it('counts pairs put together against pairs labelled together', () => {
    // Labelled: {0,1,2} {3}. Predicted: {0,1} {2,3}: 1 of 2 predicted pairs right, 1 of 3 labelled pairs found.
    expect(pairwiseScore(['a', 'a', 'a', 'b'], ['x', 'x', 'y', 'y'])).toEqual({ precision: 0.5, recall: 1 / 3, predicted: 2, labelled: 3, agreed: 1 });
  });
});
