/** Time-of-day windows (quiet hours, inhibition windows) on the wall clock of an IANA time zone. */
import { wallTimeIn, weekdayOf, WEEKDAYS, type Weekday } from '../time/zoned.js';

/** Minutes since local midnight and the local weekday of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): { minutes: number; weekday: Weekday } {
  const w = wallTimeIn(at, timeZone);
  return { minutes: w.hour * 60 + w.minute, weekday: weekdayOf(w) };
}

/** "HH:MM" to minutes since midnight. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Whether `at` falls in the daily window from..to (to < from wraps past midnight) on one of `days`. */
export function inDailyWindow(at: Date, window: { from: string; to: string; timezone: string; days?: readonly Weekday[] }): boolean {
  const { minutes, weekday } = localTime(at, window.timezone);
  const from = clockMinutes(window.from);
  const to = clockMinutes(window.to);
  const inside = from <= to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
  if (!inside) return false;
  if (!window.days || window.days.length === 0) return true;
  // A window that wraps past midnight belongs to the day it started on.
  const startedYesterday = from > to && minutes < to;
  const day = startedYesterday ? WEEKDAYS[(WEEKDAYS.indexOf(weekday) + 6) % 7] : weekday;
  return window.days.includes(day);
}
