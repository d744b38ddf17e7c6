import { wallTimeIn } from '../time/zoned.js';

/** Cron fields as the cron library parses them (weekday 0 = Sunday; 7 counts as Sunday too). */
export interface CronFields {
  second: number[];
  minute: number[];
  hour: number[];
  dayOfMonth: (number | string)[];
  month: number[];
  dayOfWeek: (number | string)[];
}

/** When a job runs: every fixed interval, or at the times a cron expression names in a time zone. */
export type Schedule = { everyMs: number } | { cron: CronFields; timeZone: string; text: string };

const MINUTE = 60_000;
/** A cron expression that matches nothing within this many days is treated as never due (e.g. 30 February). */
const SEARCH_DAYS = 366;

/** Human form of a schedule for status output. */
export function describeSchedule(s: Schedule): string {
  return 'everyMs' in s ? `every ${s.everyMs / 1000} s` : `cron "${s.text}" (${s.timeZone})`;
}

/**
 * The first run time strictly after `after`. An interval counts from the last run (so a daemon that took
 * a job over continues its rhythm); cron times are the expression's wall-clock matches in its zone.
 */
export function nextRunAfter(s: Schedule, after: Date): Date | undefined {
  if ('everyMs' in s) return new Date(after.getTime() + s.everyMs);
  const sets = {
    second: new Set(s.cron.second),
    minute: new Set(s.cron.minute),
    hour: new Set(s.cron.hour),
    day: new Set(s.cron.dayOfMonth.map(Number)),
    month: new Set(s.cron.month),
    weekday: new Set(s.cron.dayOfWeek.map((d) => Number(d) % 7)),
  };
  const seconds = [...sets.second].sort((a, b) => a - b);
  let minute = Math.floor(after.getTime() / MINUTE) * MINUTE;
  for (let i = 0; i < SEARCH_DAYS * 1440; i++, minute += MINUTE) {
    const w = wallTimeIn(new Date(minute), s.timeZone);
    const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
    if (!sets.month.has(w.month) || !sets.day.has(w.day) || !sets.weekday.has(weekday) || !sets.hour.has(w.hour) || !sets.minute.has(w.minute)) continue;
    const second = seconds.find((sec) => minute + sec * 1000 > after.getTime());
    if (second !== undefined) return new Date(minute + second * 1000);
  }
  return undefined;
}

/** How late a run started against the time it was due, in ms (0 when on time or early). */
export function lagMs(dueAt: Date | undefined, startedAt: Date): number {
  return dueAt ? Math.max(0, startedAt.getTime() - dueAt.getTime()) : 0;
}
