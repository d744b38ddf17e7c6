import { describe, expect, it } from '@jest/globals';
import { highlightCollection, highlightDay, isDayHighlights } from './highlight.js';

describe('negative highlight collections', () => {
  it('names the UTC hour of publication', () => {
    expect(highlightCollection(new Date('2026-12-07T13:59:59.999Z'))).toBe('negatives_20261207_13');
    expect(highlightCollection(Date.parse('2026-01-02T00:00:00Z'))).toBe('negatives_20260102_00');
    // The UTC hour, whatever the offset the time was written with.
    expect(highlightCollection(new Date('2026-12-08T07:30:00+08:00'))).toBe('negatives_20261207_23');
  });

  it('gives the day of an hour collection and of a whole day of the layout before hours, null for other names', () => {
    expect(highlightDay('negatives_20261207_13')).toBe('20261207');
    expect(highlightDay('negatives_20261207')).toBe('20261207');
    expect(highlightDay('negatives_2026120')).toBeNull();
    expect(highlightDay('negatives_20261207_1')).toBeNull();
    expect(highlightDay('mentions_20261207')).toBeNull();
    expect(isDayHighlights('negatives_20261207')).toBe(true);
    expect(isDayHighlights('negatives_20261207_13')).toBe(false);
  });
});
