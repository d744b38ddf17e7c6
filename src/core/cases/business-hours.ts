import { instantOf, wallTimeIn, weekdayOf } from '../time/zoned.js';
import type { BusinessHours } from './case-rules.js';

const MINUTE = 60_000;
// A year of days: enough to cross any configured week, and a bound on the loop.
const MAX_DAYS = 400;

interface Day {
  year: number;
  month: number;
  day: number;
}

// Windows already computed, by zone, hours and local day: each costs four time-zone conversions, and every case a
// batch opens asks for the same few days (a batch of 100 mentions spent ~0.3 s of its CPU in them, profiled).
const known = new Map<string, readonly [number, number] | null>();
const KNOWN_MAX = 4096;

/** The working window [open, close) of a local day, or null on a day off (a pure function of its inputs, kept). */
function windowOf(d: Day, hours: BusinessHours): readonly [number, number] | null {
  const key = `${hours.timezone}|${hours.from}|${hours.to}|${hours.days.join(',')}|${d.year}-${d.month}-${d.day}`;
  let win = known.get(key);
  if (win !== undefined) return win;
  win = computeWindow(d, hours);
  if (known.size >= KNOWN_MAX) known.clear();
  known.set(key, win);
  return win;
}

function computeWindow(d: Day, hours: BusinessHours): readonly [number, number] | null {
  const weekday = weekdayOf(d);
  if (!hours.days.includes(weekday)) return null;
  const at = (hhmm: string) => {
    const [hour, minute] = hhmm.split(':').map(Number);
    return instantOf({ ...d, hour, minute, second: 0 }, hours.timezone).getTime();
  };
  return [at(hours.from), at(hours.to)];
}

function nextDay(d: Day): Day {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The working windows from the local day of `from` on, clipped to start no earlier than `from`. */
function* windows(from: Date, hours: BusinessHours): Generator<[number, number]> {
  const w = wallTimeIn(from, hours.timezone);
  let d: Day = { year: w.year, month: w.month, day: w.day };
  for (let i = 0; i < MAX_DAYS; i++, d = nextDay(d)) {
    const win = windowOf(d, hours);
    if (win && win[1] > from.getTime()) yield [Math.max(win[0], from.getTime()), win[1]];
  }
}

/** The instant `minutes` of working time after `start` (plain minutes when there are no business hours). */
export function addWorkingMinutes(start: Date, minutes: number, hours?: BusinessHours): Date {
  if (!hours) return new Date(start.getTime() + minutes * MINUTE);
  let left = minutes * MINUTE;
  for (const [open, close] of windows(start, hours)) {
    if (left <= close - open) return new Date(open + left);
    left -= close - open;
  }
  throw new Error(`business hours of team "${hours.team}" leave no working time within ${MAX_DAYS} days`);
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function workingMinutesBetween(from: Date, to: Date, hours?: BusinessHours): number {
  if (to <= from) return 0;
  if (!hours) return (to.getTime() - from.getTime()) / MINUTE;
  let ms = 0;
  for (const [open, close] of windows(from, hours)) {
    if (open >= to.getTime()) break;
    ms += Math.min(close, to.getTime()) - open;
  }
  return ms / MINUTE;
}
