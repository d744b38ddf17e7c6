import { workingMinutesBetween } from './business-hours.js';
import type { CaseTerms } from './case-actions.js';
import type { Case } from './case.js';

/**
 * Case reports: how fast cases got a first reply and were resolved, the share resolved within a day,
 * and the backlog by age. A closing is recorded when a case is resolved; a day's closings are folded
 * into one summary per report key (the whole, each brand, platform, team and owner) whose times are
 * kept as histograms, so a report over a period reads one summary per day however many cases closed.
 */

export const REPORT_DIMENSIONS = ['all', 'brand', 'platform', 'team', 'owner'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];
/** The figure executives are given: resolved within a day (of working time when business hours are on). */
export const WITHIN_MINUTES = 24 * 60;

/** One resolved case, as its day's report needs it. */
export interface Closing {
  _id: string;
  /** UTC day of the resolution, YYYYMMDD. */
  day: string;
  keys: string[];
  firstReplyMinutes?: number;
  resolveMinutes: number;
}

/** Counts and time histograms of one report key over one day or more. */
export interface ReportStats {
  closed: number;
  replied: number;
  within: number;
  /** Histogram bucket → cases, of minutes to first reply and to resolution (see bucketOf). */
  firstReply: Record<string, number>;
  resolve: Record<string, number>;
}

export type ReportSummary = Record<string, ReportStats>;

export const dayOf = (at: Date) => at.toISOString().slice(0, 10).replace(/-/g, '');
/** UTC hour, YYYYMMDDHH: closings are kept per hour, so the current day is read from folded hours and one live hour. */
export const hourOf = (at: Date) => at.toISOString().slice(0, 13).replace(/[-T]/g, '');

/**
 * The UTC days (YYYY-MM-DD, both included) a report covers for a period [from, to) whose end is exclusive,
 * at most `maxDays` of them (the latest): a period ending at 00:00 UTC ends on the day before.
 */
export function reportDaysOf(from: Date, to: Date, maxDays: number): { from: string; to: string } {
  const last = Math.max(from.getTime(), to.getTime() - 1);
  const first = Math.max(from.getTime(), Date.parse(isoDay(last)) - (maxDays - 1) * DAY_MS);
  return { from: isoDay(first), to: isoDay(last) };
}

const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The keys a case is reported under (and counted in the backlog under). */
export function reportKeys(c: Pick<Case, 'brand' | 'platform' | 'team' | 'owner'>): string[] {
  return ['all', `brand=${c.brand}`, `platform=${c.platform}`, `team=${c.team}`, ...(c.owner ? [`owner=${c.owner}`] : [])];
}

/**
 * The closing of a resolved case. Times are working minutes when its policy keeps business hours, and
 * the time spent waiting for the customer does not count against resolution (as on the case's clock).
 */
export function closingOf(c: Case, terms: CaseTerms): Closing | null {
  if (c.state !== 'resolved' || !c.resolvedAt) return null;
  const hours = terms.policy.businessHours ? terms.hours : undefined;
  const minutes = (to: Date) => Math.max(0, workingMinutesBetween(c.openedAt, to, hours));
  return {
    _id: c._id,
    day: dayOf(c.resolvedAt),
    keys: reportKeys(c),
    ...(c.firstRepliedAt ? { firstReplyMinutes: minutes(c.firstRepliedAt) } : {}),
    resolveMinutes: Math.max(0, minutes(c.resolvedAt) - c.clock.pausedMinutes),
  };
}

// Ten buckets a decade (each ~26% wide): a median read back is within ~13% of the true one.
const PER_DECADE = 10;

/** The histogram bucket of a duration: 0 for under a minute, then logarithmic. */
export function bucketOf(minutes: number): number {
  return minutes < 1 ? 0 : 1 + Math.floor(Math.log10(minutes) * PER_DECADE);
}

/** A bucket's middle (geometric), in minutes (0 for the bucket under a minute). */
export function bucketMinutes(b: number): number {
  return b === 0 ? 0 : 10 ** ((b - 0.5) / PER_DECADE);
}

const emptyStats = (): ReportStats => ({ closed: 0, replied: 0, within: 0, firstReply: {}, resolve: {} });
const add = (h: Record<string, number>, b: number | string, n = 1) => {
  h[b] = (h[b] ?? 0) + n;
};

/** A day's (or any set of) closings, summed per key. */
export function summarize(closings: readonly Closing[]): ReportSummary {
  const out: ReportSummary = Object.create(null);
  for (const c of closings) {
    for (const k of c.keys) {
      const s = (out[k] ??= emptyStats());
      s.closed++;
      if (c.resolveMinutes <= WITHIN_MINUTES) s.within++;
      add(s.resolve, bucketOf(c.resolveMinutes));
      if (c.firstReplyMinutes !== undefined) {
        s.replied++;
        add(s.firstReply, bucketOf(c.firstReplyMinutes));
      }
    }
  }
  return out;
}

export function mergeSummaries(summaries: readonly ReportSummary[]): ReportSummary {
  const out: ReportSummary = Object.create(null);
  for (const sum of summaries) {
    for (const [k, s] of Object.entries(sum)) {
      const t = (out[k] ??= emptyStats());
      t.closed += s.closed;
      t.replied += s.replied;
      t.within += s.within;
      for (const [b, n] of Object.entries(s.firstReply)) add(t.firstReply, b, n);
      for (const [b, n] of Object.entries(s.resolve)) add(t.resolve, b, n);
    }
  }
  return out;
}

/** The p-th percentile (0..100) of a histogram, in minutes; undefined when it is empty. */
export function percentile(h: Record<string, number>, p: number): number | undefined {
  const buckets = Object.entries(h).map(([b, n]) => [Number(b), n] as const).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((n, [, c]) => n + c, 0);
  if (!total) return undefined;
  let seen = 0;
  for (const [b, n] of buckets) {
    seen += n;
    if (seen >= (p / 100) * total) return Math.round(bucketMinutes(b));
  }
  return Math.round(bucketMinutes(buckets.at(-1)![0]));
}
