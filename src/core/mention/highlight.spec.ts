import { describe, expect, it } from '@jest/globals';
import { highlightCollection, highlightDay, highlightSpan, isEarlierLayout } from './highlight.js';

describe('negative highlight collections', () => {
  it('names the brand and the 6-hour UTC block of publication by its first hour', () => {
    expect(highlightCollection('acme', new Date('2026-12-07T13:59:59.999Z'))).toBe('negatives_20261207_12_acme');
    expect(highlightCollection('acme', new Date('2026-12-07T11:59:59.999Z'))).toBe('negatives_20261207_06_acme');
    expect(highlightCollection('acme-foods', Date.parse('2026-01-02T00:00:00Z'))).toBe('negatives_20260102_00_acme-foods');
    // The UTC block, whatever the offset the time was written with.
    expect(highlightCollection('bolt', new Date('2026-12-08T07:30:00+08:00'))).toBe('negatives_20261207_18_bolt');
  });

  it('gives the span and brand of a brand block, and the span of a block, an hour or a day of the layouts before; null for other names', () => {
    expect(highlightSpan('negatives_20261207_12_acme-foods')).toEqual({ start: Date.parse('2026-12-07T12:00:00Z'), end: Date.parse('2026-12-07T18:00:00Z'), brand: 'acme-foods' });
    expect(highlightSpan('negatives_20261207_12')).toEqual({ start: Date.parse('2026-12-07T12:00:00Z'), end: Date.parse('2026-12-07T18:00:00Z') });
    expect(highlightSpan('negatives_20261207_13')).toEqual({ start: Date.parse('2026-12-07T13:00:00Z'), end: Date.parse('2026-12-07T14:00:00Z') });
    expect(highlightSpan('negatives_20261207')).toEqual({ start: Date.parse('2026-12-07T00:00:00Z'), end: Date.parse('2026-12-08T00:00:00Z') });
    expect(highlightSpan('negatives_2026120')).toBeNull();
    expect(highlightSpan('negatives_20261207_1')).toBeNull();
    expect(highlightSpan('negatives_20261207_12_')).toBeNull();
    expect(highlightSpan('mentions_20261207')).toBeNull();
  });

  it('gives the day of any layout and tells which collections migrate regroups', () => {
    expect(highlightDay('negatives_20261207_12_acme')).toBe('20261207');
    expect(highlightDay('negatives_20261207_13')).toBe('20261207');
    expect(highlightDay('negatives_20261207')).toBe('20261207');
    expect(highlightDay('negatives_20261207_1')).toBeNull();
    expect(isEarlierLayout('negatives_20261207')).toBe(true);
    expect(isEarlierLayout('negatives_20261207_13')).toBe(true);
    expect(isEarlierLayout('negatives_20261207_12')).toBe(true);
    expect(isEarlierLayout('negatives_20261207_13_acme')).toBe(true);
    expect(isEarlierLayout('negatives_20261207_12_acme')).toBe(false);
    expect(isEarlierLayout('negatives_20261207_00_bolt')).toBe(false);
    expect(isEarlierLayout('journal_2026120713')).toBe(false);
  });
});
