import { instantOf, wallTimeIn, type WallTime } from './zoned.js';

/** What a scraped date is read against: "3分钟前" needs now, "昨天 14:02" also the page's time zone. */
export interface DateContext {
  now: Date;
  timeZone: string;
}

const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = {
  second: 1000, sec: 1000, s: 1000, 秒: 1000, 秒钟: 1000,
  minute: MINUTE, min: MINUTE, m: MINUTE, 分钟: MINUTE, 分: MINUTE,
  hour: 60 * MINUTE, hr: 60 * MINUTE, h: 60 * MINUTE, 小时: 60 * MINUTE, 个小时: 60 * MINUTE,
  day: 1440 * MINUTE, d: 1440 * MINUTE, 天: 1440 * MINUTE, 日: 1440 * MINUTE,
  week: 7 * 1440 * MINUTE, w: 7 * 1440 * MINUTE, 周: 7 * 1440 * MINUTE, 星期: 7 * 1440 * MINUTE,
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_WORDS: Record<string, number> = { 今天: 0, today: 0, 昨天: 1, yesterday: 1, 前天: 2 };

/**
 * Reads a date the way platforms print it and returns the UTC instant, or undefined when unreadable.
 * Handles epoch seconds/ms, ISO 8601, RFC 2822, Weibo's "Sat Nov 21 10:00:00 +0800 2026", relative
 * forms ("3分钟前", "2 hours ago", "刚刚", "just now"), day words ("昨天 14:02", "yesterday 14:02"),
 * and zone-less calendar forms ("2026-11-20 13:45", "11-20", "11月20日", "November 20, 2026") read in ctx.timeZone.
 */
export function normalizeDate(value: unknown, ctx: DateContext): Date | undefined {
  return inRange(readDate(value, ctx));
}

function readDate(value: unknown, ctx: DateContext): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim().replace(/\s+/g, ' ');
  if (text === '') return undefined;
  if (/^\d{9,13}(\.\d+)?$/.test(text)) return fromEpoch(Number(text));
  return (
    readRelative(text, ctx) ??
    readDayWord(text, ctx) ??
    readWeibo(text) ??
    readZoned(text) ??
    readCalendar(text, ctx)
  );
}

/** The instants goldenhour keeps: 1970-01-01 up to the end of year 9999 (four-digit ISO years, safe to print). */
export const EARLIEST_INSTANT = 0;
export const LATEST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The date when it is a real instant in the range goldenhour keeps, else undefined (never an Invalid Date). */
function inRange(d: Date | undefined): Date | undefined {
  if (!d) return undefined;
  const t = d.getTime();
  return Number.isFinite(t) && t >= EARLIEST_INSTANT && t <= LATEST_INSTANT ? d : undefined;
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const RFC_2822 = /^(?:[A-Za-z]{3}, )?\d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}(:\d{2})? (GMT|UTC|UT|Z|[+-]\d{4})$/i;

/**
 * An instant as an API client or an export file writes it: a Date, epoch milliseconds, an ISO 8601
 * date-time with its offset ("2026-11-20T10:03:00+08:00", "…Z"), a bare ISO date (midnight UTC) or an
 * RFC 2822 date with its zone. A date-time without an offset is refused: read in the server's zone it
 * would depend on where goldenhour runs. Returns the instant, or why the value is not one.
 */
export function parseInstant(value: unknown): Date | { problem: string } {
  const range = (d: Date) => inRange(d) ?? { problem: 'out of range (years 1970 to 9999)' };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { problem: 'an invalid Date' } : range(value);
  if (typeof value === 'number') return Number.isFinite(value) ? range(new Date(value)) : { problem: 'not a finite number of milliseconds' };
  if (typeof value !== 'string') return { problem: `expected an ISO 8601 date-time such as 2026-11-20T10:03:00+08:00, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}` };
  const text = value.trim();
  const m = ISO_INSTANT.exec(text);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    if (h !== undefined && zone === undefined) return { problem: `"${clip(text)}" has no time zone: add Z or an offset such as +08:00` };
    const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return { problem: `"${clip(text)}" is not a calendar date` };
    if (h === undefined) return range(day);
    if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return { problem: `"${clip(text)}" is not a time of day` };
    const offset = zone!.toUpperCase() === 'Z' ? 0 : (zone![0] === '-' ? -1 : 1) * (Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(-2))) * MINUTE;
    if (Math.abs(offset) > 18 * 60 * MINUTE || Number(zone!.slice(-2)) > 59) return { problem: `"${clip(text)}" has an impossible offset` };
    const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
    return range(new Date(day.getTime() + ((Number(h) * 60 + Number(mi)) * 60 + Number(s ?? 0)) * 1000 + ms - offset));
  }
  if (RFC_2822.test(text)) {
    const t = Date.parse(text);
    if (!Number.isNaN(t)) return range(new Date(t));
  }
  return { problem: `"${clip(text)}" is not an ISO 8601 date-time such as 2026-11-20T10:03:00+08:00` };
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** Epoch seconds below 1e11 (until year 5138), milliseconds above. */
function fromEpoch(n: number): Date | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return new Date(n < 1e11 ? Math.round(n * 1000) : n);
}

function readRelative(text: string, ctx: DateContext): Date | undefined {
  const lower = text.toLowerCase();
  if (lower === '刚刚' || lower === 'just now' || lower === 'now') return ctx.now;
  const m =
    /^(\d+|an?|one) ?(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|[smhdw]) ago$/.exec(lower) ??
    /^(\d+|半) ?(秒钟|秒|分钟|分|个小时|小时|天|日|周|星期)前$/.exec(lower);
  if (!m) return undefined;
  const amount = /^\d+$/.test(m[1]!) ? Number(m[1]) : m[1] === '半' ? 0.5 : 1;
  const unit = UNIT_MS[m[2]!.replace(/s$/, '')] ?? UNIT_MS[m[2]!];
  return unit === undefined ? undefined : new Date(ctx.now.getTime() - amount * unit);
}

function readDayWord(text: string, ctx: DateContext): Date | undefined {
  const m = /^(今天|昨天|前天|today|yesterday)(?:,? ?(?:at )?(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/i.exec(text);
  if (!m) return undefined;
  const today = wallTimeIn(ctx.now, ctx.timeZone);
  const day = shiftDays(today, -DAY_WORDS[m[1]!.toLowerCase()]!);
  return instantOf({ ...day, hour: Number(m[2] ?? 0), minute: Number(m[3] ?? 0), second: Number(m[4] ?? 0) }, ctx.timeZone);
}

/** Weibo's created_at: "Sat Nov 21 10:00:00 +0800 2026" (Twitter's legacy layout, which Date.parse misreads). */
function readWeibo(text: string): Date | undefined {
  const m = /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]!.toLowerCase());
  if (month < 0) return undefined;
  const offset = (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 60 + Number(m[8])) * MINUTE;
  return new Date(Date.UTC(Number(m[9]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) - offset);
}

/** ISO 8601 and RFC 2822 strings that carry their own offset or zone ("Z", "+08:00", "GMT"). */
function readZoned(text: string): Date | undefined {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const rfc = /^(?:[A-Za-z]{3}, )?\d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}(:\d{2})? (GMT|UTC|UT|Z|[+-]\d{4})$/i.test(text);
  if (!iso && !rfc) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** Calendar dates without a zone, read as wall time in ctx.timeZone; a year-less date in the future means last year. */
function readCalendar(text: string, ctx: DateContext): Date | undefined {
  const parts = calendarParts(text);
  if (!parts) return undefined;
  const today = wallTimeIn(ctx.now, ctx.timeZone);
  const wall: WallTime = { year: parts.year ?? today.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > 31 || wall.hour > 23 || wall.minute > 59) return undefined;
  const instant = instantOf(wall, ctx.timeZone);
  if (parts.year === undefined && instant.getTime() > ctx.now.getTime() + 1440 * MINUTE) return instantOf({ ...wall, year: wall.year - 1 }, ctx.timeZone);
  return instant;
}

interface CalendarParts { year?: number; month: number; day: number; hour: number; minute: number; second: number }

function calendarParts(text: string): CalendarParts | undefined {
  const time = (h?: string, mi?: string, s?: string) => ({ hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0) });
  const clock = '(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?';
  let m = new RegExp(`^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${clock}$`).exec(text);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), ...time(m[4], m[5], m[6]) };
  m = new RegExp(`^(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日${clock}$`).exec(text.replace(/日 ?/, '日 ').trim());
  if (m) return { year: m[1] ? Number(m[1]) : undefined, month: Number(m[2]), day: Number(m[3]), ...time(m[4], m[5], m[6]) };
  m = new RegExp(`^(\\d{1,2})-(\\d{1,2})${clock}$`).exec(text);
  if (m) return { month: Number(m[1]), day: Number(m[2]), ...time(m[3], m[4], m[5]) };
  m = /^([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/.exec(text) ?? /^(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})$/.exec(text);
  if (m) {
    const [monthName, day] = /^\d/.test(m[1]!) ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
    const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase());
    if (month >= 0) return { year: Number(m[3]), month: month + 1, day: Number(day), hour: 0, minute: 0, second: 0 };
  }
  return undefined;
}

function shiftDays(w: WallTime, days: number): WallTime {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
