import { describe, expect, it } from '@jest/globals';
import { instantOf, isKnownTimeZone, localDateTimeText, offsetAt, previousLocalDay, wallTimeIn, weekdayOf } from './zoned.js';

describe('the time-zone module', () => {
  it('reads the wall clock of an instant in a brand time zone', () => {
    expect(wallTimeIn(new Date('2026-11-20T16:30:05Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 11, day: 21, hour: 0, minute: 30, second: 5 });
    expect(localDateTimeText(new Date('2026-11-20T16:30:05Z'), 'Asia/Shanghai')).toBe('2026-11-21 00:30');
  });

  it('finds the instant of a wall time, moving a time inside a daylight-saving gap forward', () => {
    expect(instantOf({ year: 2026, month: 11, day: 21, hour: 0, minute: 0, second: 0 }, 'Asia/Shanghai').toISOString()).toBe('2026-11-20T16:00:00.000Z');
    // Berlin skips 02:00-03:00 on 29 March 2026.
    expect(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('gives the weekday of a local date and the offset east of Greenwich', () => {
    expect(weekdayOf({ year: 2026, month: 11, day: 20 })).toBe('fri');
    expect(offsetAt(Date.parse('2026-07-01T00:00:00Z'), 'Europe/Berlin')).toBe(2 * 3_600_000);
    expect(offsetAt(Date.parse('2026-07-01T00:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000);
  });

  it('names the local day before now with its two midnights, 23 hours long on a spring-forward day', () => {
    expect(previousLocalDay(new Date('2026-11-21T00:31:00Z'), 'Asia/Shanghai')).toEqual({ day: '2026-11-20', from: new Date('2026-11-19T16:00:00Z'), to: new Date('2026-11-20T16:00:00Z') });
    const spring = previousLocalDay(new Date('2026-03-30T08:00:00Z'), 'Europe/Berlin');
    expect(spring.day).toBe('2026-03-29');
    expect(spring.to.getTime() - spring.from.getTime()).toBe(23 * 3_600_000);
  });

  it('knows IANA zone names and refuses others', () => {
    expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
    expect(isKnownTimeZone('Mars/Base')).toBe(false);
  });
});
