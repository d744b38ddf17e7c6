import { describe, expect, it } from '@jest/globals';
import { dueKeyMonths, keyMonths } from './key-months.js';

describe('key-claim months', () => {
  it('claims a mention in its month of publication', () => {
    expect(keyMonths('20261115')).toEqual(['202611']);
    expect(keyMonths('20261130')).toEqual(['202611']);
    expect(keyMonths('20261103')).toEqual(['202611']);
  });

  it('claims the first two days of a month in the month before too, across a year', () => {
    expect(keyMonths('20261201')).toEqual(['202612', '202611']);
    expect(keyMonths('20261202')).toEqual(['202612', '202611']);
    expect(keyMonths('20270101')).toEqual(['202701', '202612']);
    expect(keyMonths('20260301')).toEqual(['202603', '202602']);
  });

  it('shares a claim month between any two days at most two days apart', () => {
    const day = (t: number) => new Date(t).toISOString().slice(0, 10).replace(/-/g, '');
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      for (const shift of [1, 2]) {
        const a = keyMonths(day(t));
        expect(keyMonths(day(t + shift * 86_400_000)).some((m) => a.includes(m))).toBe(true);
      }
    }
  });

  it('drops a month only when every day of it is before the first day kept', () => {
    const months = ['202608', '202609', '202610', '202611'];
    expect(dueKeyMonths(months, '20261001')).toEqual(['202608', '202609']);
    expect(dueKeyMonths(months, '20260930')).toEqual(['202608']);
    expect(dueKeyMonths(months, '20261015')).toEqual(['202608', '202609']);
  });
});
