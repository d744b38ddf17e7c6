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
