import { describe, expect, it } from '@jest/globals';
import { parse } from 'node-cron';
import { describeSchedule, lagMs, nextRunAfter, type Schedule } from './schedule.js';

const cron = (text: string, timeZone = 'UTC'): Schedule => ({ cron: parse(text), timeZone, text });

describe(nextRunAfter.name, () => {
  it('counts an interval from the last run', () => {
    expect(nextRunAfter({ everyMs: 30_000 }, new Date('2026-03-02T08:00:10Z'))).toEqual(new Date('2026-03-02T08:00:40Z'));
  });

  it('finds the next quarter hour of "*/15 * * * *", strictly after the given time', () => {
    expect(nextRunAfter(cron('*/15 * * * *'), new Date('2026-03-02T08:07:00Z'))).toEqual(new Date('2026-03-02T08:15:00Z'));
    expect(nextRunAfter(cron('*/15 * * * *'), new Date('2026-03-02T08:15:00Z'))).toEqual(new Date('2026-03-02T08:30:00Z'));
  });

  it('honours seconds when the expression has six fields', () => {
    expect(nextRunAfter(cron('*/20 * * * * *'), new Date('2026-03-02T08:00:05Z'))).toEqual(new Date('2026-03-02T08:00:20Z'));
  });

  it('reads hours and weekdays on the wall clock of the time zone', () => {
    // Friday 2026-03-06 10:00 in Shanghai is 02:00 UTC; the next weekday 09:00 there is Monday 01:00 UTC.
    expect(nextRunAfter(cron('0 9 * * mon-fri', 'Asia/Shanghai'), new Date('2026-03-06T02:00:00Z'))).toEqual(new Date('2026-03-09T01:00:00Z'));
  });

  it('never finds a date that does not exist', () => {
    const feb31: Schedule = { cron: { ...parse('0 0 * * *'), dayOfMonth: [31], month: [2] }, timeZone: 'UTC', text: '0 0 31 2 *' };
    expect(nextRunAfter(feb31, new Date('2026-03-02T08:00:00Z'))).toBeUndefined();
  });
});

describe('schedule helpers', () => {
  it('describes schedules for status output', () => {
    expect(describeSchedule({ everyMs: 60_000 })).toBe('every 60 s');
    expect(describeSchedule(cron('*/5 * * * *'))).toBe('cron "*/5 * * * *" (UTC)');
  });

  it('measures lag as lateness only', () => {
    expect(lagMs(new Date(1000), new Date(4000))).toBe(3000);
    expect(lagMs(new Date(4000), new Date(1000))).toBe(0);
    expect(lagMs(undefined, new Date(1000))).toBe(0);
  });
});
