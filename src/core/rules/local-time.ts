/** Wall-clock time of an instant in an IANA time zone, for time-of-day windows. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the time zone name. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** Minutes since local midnight and the local weekday of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): { minutes: number; weekday: Weekday } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  const weekday = parts.weekday.toLowerCase().slice(0, 3) as Weekday;
  return { minutes: Number(parts.hour) * 60 + Number(parts.minute), weekday };
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
