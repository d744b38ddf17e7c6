import { dayStart, utcDay } from './mention-state.js';
import { DAY_MS } from './rollup.js';

/**
 * Days at the start of a month whose mentions are also claimed in the month before. A re-sighting whose
 * publication time moved across a month boundary (a scraper that reads a local time as UTC, a platform that
 * re-dates a post) then still clashes with the first claim: any move of up to this many days is caught.
 */
export const BOUNDARY_DAYS = 2;

/**
 * The key-claim partitions (`YYYYMM`) of a mention published on `day` (`YYYYMMDD`): its own month, and the
 * month before when the day is one of the first BOUNDARY_DAYS of its month. The extra claim goes into the
 * earlier month, which retention drops first, so no claim outlives the month of its mention's day.
 */
export function keyMonths(day: string): string[] {
  const own = day.slice(0, 6);
  const before = utcDay(dayStart(day) - BOUNDARY_DAYS * DAY_MS).slice(0, 6);
  return before === own ? [own] : [own, before];
}

/** Key months whose every day lies before `cutoffDay` (the first day retention keeps): dropped whole. */
export function dueKeyMonths(months: readonly string[], cutoffDay: string): string[] {
  return months.filter((m) => m < cutoffDay.slice(0, 6)).sort();
}
