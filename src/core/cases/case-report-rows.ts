import { dayOf, percentile, type ReportDimension, type ReportStats, type ReportSummary } from './case-report.js';

/** Open cases by how many days ago they were opened (UTC days). */
export const BACKLOG_AGES = ['today', '1d', '2-3d', '4-7d', 'older'] as const;
export type BacklogAge = (typeof BACKLOG_AGES)[number];

/** One line of a report: one brand (platform, team, owner) or the whole, over the period. */
export interface ReportRow {
  dimension: ReportDimension;
  value: string;
  closed: number;
  replied: number;
  firstReplyMedianMinutes?: number;
  firstReplyP90Minutes?: number;
  resolveMedianMinutes?: number;
  resolveP90Minutes?: number;
  /** Share of the closed cases resolved within 24 (working) hours, 0..1. */
  resolvedWithin24h?: number;
  open: number;
  backlog: Record<BacklogAge, number>;
}

const DAY = 86_400_000;
const ageOf = (day: string, now: Date): BacklogAge => {
  const d = Math.round((Date.parse(`${dayOf(now).replace(/(\d{4})(\d\d)(\d\d)/, '$1-$2-$3')}T00:00:00Z`) - Date.parse(`${day.replace(/(\d{4})(\d\d)(\d\d)/, '$1-$2-$3')}T00:00:00Z`)) / DAY);
  return d <= 0 ? 'today' : d === 1 ? '1d' : d <= 3 ? '2-3d' : d <= 7 ? '4-7d' : 'older';
};

/** Open cases per age, from a key's open cases per opening day. */
export function backlogByAge(openedDays: Record<string, number>, now: Date): Record<BacklogAge, number> {
  const out = Object.fromEntries(BACKLOG_AGES.map((a) => [a, 0])) as Record<BacklogAge, number>;
  for (const [day, n] of Object.entries(openedDays)) if (n > 0) out[ageOf(day, now)] += n;
  return out;
}

/**
 * The report's rows for one dimension: a row per value with closings in the period or cases open now,
 * the busiest first.
 */
export function reportRows(dimension: ReportDimension, summary: ReportSummary, backlog: Record<string, Record<string, number>>, now: Date): ReportRow[] {
  const prefix = dimension === 'all' ? 'all' : `${dimension}=`;
  const matches = (k: string) => (dimension === 'all' ? k === 'all' : k.startsWith(prefix) && !k.includes('&'));
  const keys = new Set([...Object.keys(summary), ...Object.keys(backlog)].filter(matches));
  const rows = [...keys].map((k) => rowOf(dimension, dimension === 'all' ? 'all' : k.slice(prefix.length), summary[k], backlogByAge(backlog[k] ?? {}, now)));
  return rows.sort((a, b) => b.closed + b.open - (a.closed + a.open) || a.value.localeCompare(b.value));
}

function rowOf(dimension: ReportDimension, value: string, s: ReportStats | undefined, backlog: Record<BacklogAge, number>): ReportRow {
  const row: ReportRow = { dimension, value, closed: s?.closed ?? 0, replied: s?.replied ?? 0, open: Object.values(backlog).reduce((a, b) => a + b, 0), backlog };
  if (!s) return row;
  const set = <K extends keyof ReportRow>(k: K, v: ReportRow[K] | undefined) => {
    if (v !== undefined) row[k] = v;
  };
  set('firstReplyMedianMinutes', percentile(s.firstReply, 50));
  set('firstReplyP90Minutes', percentile(s.firstReply, 90));
  set('resolveMedianMinutes', percentile(s.resolve, 50));
  set('resolveP90Minutes', percentile(s.resolve, 90));
  if (s.closed) row.resolvedWithin24h = Math.round((s.within / s.closed) * 1000) / 1000;
  return row;
}

const CSV_COLUMNS = ['dimension', 'value', 'closed', 'replied', 'firstReplyMedianMinutes', 'firstReplyP90Minutes', 'resolveMedianMinutes', 'resolveP90Minutes', 'resolvedWithin24h', 'open', ...BACKLOG_AGES.map((a) => `backlog_${a}`)];

/**
 * The rows as CSV (RFC 4180 quoting; values such as owner names may hold commas, quotes or Chinese). A
 * text cell starting like a formula gets a leading apostrophe, so a spreadsheet shows it and runs nothing.
 */
export function reportCsv(rows: readonly ReportRow[]): string {
  const cell = (v: unknown) => {
    const raw = v === undefined ? '' : String(v);
    const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = rows.map((r) => [r.dimension, r.value, r.closed, r.replied, r.firstReplyMedianMinutes, r.firstReplyP90Minutes, r.resolveMedianMinutes, r.resolveP90Minutes, r.resolvedWithin24h, r.open, ...BACKLOG_AGES.map((a) => r.backlog[a])].map(cell).join(','));
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}
