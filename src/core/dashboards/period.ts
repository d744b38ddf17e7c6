import { BUCKET_MS } from '../mention/bucket.js';
import { offsetAt } from '../time/zoned.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A dashboard period: the range asked for, the one before it (for trend arrows), and the chart step. */
export interface Period {
  from: Date;
  to: Date;
  previousFrom: Date;
  previousTo: Date;
  /** Width of one chart point, ms: about 100 points whatever the range. */
  stepMs: number;
  timezone: string;
}

export const PRESETS = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY } as const;
export type Preset = keyof typeof PRESETS;

/**
 * The period a dashboard request names: a preset ending now, or a custom [from, to). Periods start on a
 * whole UTC hour (a preset's start is floored to the hour, a custom range widened to whole hours), because
 * the dashboard reads hour and day rollups; the previous period is the preset's length (or the custom
 * range's) just before. The step is the smallest of 5 min, 15 min, 1 h, 6 h, 1 day that keeps the chart under ~200 points.
 */
export function resolvePeriod(q: { period?: Preset; from?: Date; to?: Date; tz: string }, now: Date): Period {
  const custom = !q.period && q.from && q.to;
  const to = custom ? new Date(hourCeil(q.to!.getTime())) : now;
  const from = new Date(hourFloor(custom ? q.from!.getTime() : to.getTime() - PRESETS[q.period ?? '24h']));
  const span = custom ? to.getTime() - from.getTime() : PRESETS[q.period ?? '24h'];
  if (!(q.from! < q.to!) && custom) throw new RangeError(`"from" (${q.from!.toISOString()}) must be before "to" (${q.to!.toISOString()})`);
  if (span > 400 * DAY) throw new RangeError('a dashboard period is at most 400 days: narrow "from"/"to"');
  return { from, to, previousFrom: new Date(from.getTime() - span), previousTo: from, stepMs: stepFor(span), timezone: q.tz };
}

/** The chart step of a period `span` ms long. */
export function stepFor(span: number): number {
  return [BUCKET_MS, 3 * BUCKET_MS, HOUR, 6 * HOUR, DAY].find((s) => span / s <= 200) ?? DAY;
}

/**
 * How old a preset's dashboard snapshot may be: the same small share of a chart step whatever the
 * period — `cacheMs` for the 24 h view (15-minute steps), 4× that for 7 d (1 h steps), 24× for 30 d (6 h steps).
 */
export function snapshotMaxAge(cacheMs: number, preset: Preset): number {
  return (cacheMs * stepFor(PRESETS[preset])) / (15 * 60_000);
}

const hourFloor = (t: number) => t - (((t % HOUR) + HOUR) % HOUR);
const hourCeil = (t: number) => hourFloor(t + HOUR - 1);

/**
 * Start of the chart step holding `t`, aligned to the wall clock of the time zone (days start at local
 * midnight). Offsets are looked up once per hour of input: a 30-day series needs 720 lookups, not 8,640.
 */
export function stepFloor(stepMs: number, timezone: string): (t: number) => number {
  const offsets = new Map<number, number>();
  const offset = (t: number) => {
    const hour = t - (((t % HOUR) + HOUR) % HOUR);
    let off = offsets.get(hour);
    if (off === undefined) offsets.set(hour, (off = offsetAt(hour, timezone)));
    return off;
  };
  return (t) => {
    const off = offset(t);
    const local = t + off;
    const localStart = local - (((local % stepMs) + stepMs) % stepMs);
    // The step may have started under another offset (a daylight-saving change since): use that one.
    const start = localStart - off;
    const then = offset(start);
    return then === off ? start : localStart - then;
  };
}
