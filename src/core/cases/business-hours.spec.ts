import { describe, it, expect } from '@jest/globals';
import { addWorkingMinutes, workingMinutesBetween } from './business-hours.js';
import type { BusinessHours } from './case-rules.js';

// Shanghai is UTC+8 all year: 09:00-18:00 local is 01:00-10:00 UTC.
const weekdays: BusinessHours = { team: 'care', timezone: 'Asia/Shanghai', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' };

describe(addWorkingMinutes.name, () => {
  it('counts plain minutes without business hours', () => {
    expect(addWorkingMinutes(new Date('2026-03-06T09:00:00Z'), 240)).toEqual(new Date('2026-03-06T13:00:00Z'));
  });

  it('counts only working minutes: a Friday-evening complaint is due on Monday', () => {
    // Friday 16:00 Shanghai: two working hours left that day, two more from Monday 09:00.
    expect(addWorkingMinutes(new Date('2026-03-06T08:00:00Z'), 240, weekdays)).toEqual(new Date('2026-03-09T03:00:00Z'));
  });

  it('starts counting at opening time for a complaint made at night', () => {
    expect(addWorkingMinutes(new Date('2026-03-02T20:00:00Z'), 60, weekdays)).toEqual(new Date('2026-03-03T02:00:00Z'));
  });

  it('follows daylight saving time in the team\'s zone', () => {
    const berlin: BusinessHours = { ...weekdays, timezone: 'Europe/Berlin' };
    // Friday 27 March 2026 17:00 CET (16:00 UTC); Monday 30 March opens 09:00 CEST (07:00 UTC).
    expect(addWorkingMinutes(new Date('2026-03-27T16:00:00Z'), 120, berlin)).toEqual(new Date('2026-03-30T08:00:00Z'));
  });

  it('answers the same for the same day asked again, and keeps teams whose hours differ apart', () => {
    const start = new Date('2026-03-06T08:00:00Z');
    const berlin: BusinessHours = { ...weekdays, timezone: 'Europe/Berlin' };
    const late: BusinessHours = { ...weekdays, from: '10:00', to: '19:00' };
    const weekend: BusinessHours = { ...weekdays, days: ['sat', 'sun'] };
    for (let i = 0; i < 2; i++) {
      expect(addWorkingMinutes(start, 240, weekdays)).toEqual(new Date('2026-03-09T03:00:00Z'));
      // Friday 09:00-17:00 in Berlin (CET) is 08:00-16:00 UTC: four hours from 08:00 UTC end at 12:00.
      expect(addWorkingMinutes(start, 240, berlin)).toEqual(new Date('2026-03-06T12:00:00Z'));
      // Friday 16:00 Shanghai with 10:00-19:00 hours: three hours that day, one more from Monday 10:00 (02:00 UTC).
      expect(addWorkingMinutes(start, 240, late)).toEqual(new Date('2026-03-09T03:00:00Z'));
      // Saturday opens 09:00 Shanghai (01:00 UTC).
      expect(addWorkingMinutes(start, 240, weekend)).toEqual(new Date('2026-03-07T05:00:00Z'));
    }
  });
});

describe(workingMinutesBetween.name, () => {
  it('counts the working minutes of a span across a weekend', () => {
    expect(workingMinutesBetween(new Date('2026-03-06T08:00:00Z'), new Date('2026-03-09T03:00:00Z'), weekdays)).toBe(240);
    expect(workingMinutesBetween(new Date('2026-03-07T03:00:00Z'), new Date('2026-03-08T03:00:00Z'), weekdays)).toBe(0);
  });
});
