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
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
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
