/**
 * The one time-zone module: every brand-local day, hour and weekday (rule quiet hours, business hours,
 * cron schedules, dashboard steps, the digest's yesterday, dates scraped as "昨天 14:02") is computed here
 * from the runtime's IANA database. Pure: the instant is always passed in.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Wall-clock fields in some time zone (month is 1-12). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time an instant shows in a time zone. */
export function wallTimeIn(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

function asUtcMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The instant at which a time zone's clocks show the given wall time (DST gaps resolve forward). */
export function instantOf(wall: WallTime, timeZone: string): Date {
  const guess = asUtcMs(wall);
  const offset1 = asUtcMs(wallTimeIn(new Date(guess), timeZone)) - guess;
  const first = guess - offset1;
  const offset2 = asUtcMs(wallTimeIn(new Date(first), timeZone)) - first;
  return new Date(offset1 === offset2 ? first : guess - offset2);
}

/** True when the time zone name is known to the runtime's Intl database. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The weekday of a local date (only its year, month and day are read). */
export function weekdayOf(d: Pick<WallTime, 'year' | 'month' | 'day'>): Weekday {
  return WEEKDAYS[(new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7]!;
}

/** UTC offset of a time zone at an instant, ms (positive east of Greenwich). */
export function offsetAt(t: number, timeZone: string): number {
  const w = wallTimeIn(new Date(t), timeZone);
  return asUtcMs(w) - (t - (t % 1000));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-20 16:05": the local date and time of an instant (spreadsheets read it as a date). */
export function localDateTimeText(instant: Date, timeZone: string): string {
  const w = wallTimeIn(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** The local day before the one `now` falls on: its date and the instants of its two midnights. */
export function previousLocalDay(now: Date, timeZone: string): { day: string; from: Date; to: Date } {
  const w = wallTimeIn(now, timeZone);
  const to = instantOf({ year: w.year, month: w.month, day: w.day, hour: 0, minute: 0, second: 0 }, timeZone);
  // Noon of the day before: never a skipped or doubled hour, whatever the daylight-saving rules.
  const y = wallTimeIn(new Date(to.getTime() - 12 * 3_600_000), timeZone);
  const from = instantOf({ year: y.year, month: y.month, day: y.day, hour: 0, minute: 0, second: 0 }, timeZone);
  return { day: `${y.year}-${pad(y.month)}-${pad(y.day)}`, from, to };
}
