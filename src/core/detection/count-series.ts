import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { CountPoint } from './scan.js';

/** One row of a `timestamp,value` count series as read (the Numenta Anomaly Benchmark format). */
export interface SeriesRow {
  /** The timestamp text as written, echoed back on output. */
  timestamp: string;
  /** Epoch ms, UTC unless the timestamp names a zone. */
  time: number;
  value: number;
}

export interface CountSeries {
  rows: SeriesRow[];
  /** The regular spacing of the rows, in minutes. */
  bucketMinutes: number;
}

export class SeriesFormatError extends Error {}

const valueSchema = z.coerce.number().finite().nonnegative();

/** Parses "YYYY-MM-DD HH:MM:SS[.ffffff]" (UTC) or an ISO 8601 time with zone; NaN when neither. */
export function parseTimestamp(text: string): number {
  const t = text.trim();
  const naive = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t);
  return Date.parse(naive ? `${t.replace(' ', 'T').slice(0, 19)}Z` : t);
}

/**
 * Reads a CSV count series with a `timestamp,value` header, rows in time order at a regular spacing
 * (any bucket size; missing buckets are allowed when the gap is a whole number of buckets).
 * Errors name the source, line and field, and say what is expected.
 */
export function parseCountSeries(text: string, source: string): CountSeries {
  const records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  const header = records[0]?.map((h) => h.toLowerCase());
  if (!header || header[0] !== 'timestamp' || header[1] !== 'value') {
    throw new SeriesFormatError(`${source}:1: expected the header "timestamp,value" (the NAB format), found "${records[0]?.join(',') ?? ''}"`);
  }
  const rows: SeriesRow[] = records.slice(1).map((r, k) => {
    const line = k + 2;
    const time = parseTimestamp(r[0] ?? '');
    if (Number.isNaN(time)) throw new SeriesFormatError(`${source}:${line}: timestamp "${r[0] ?? ''}" is not a time: write "YYYY-MM-DD HH:MM:SS" (UTC) or ISO 8601 with a zone`);
    const value = valueSchema.safeParse(r[1]);
    if (!value.success) throw new SeriesFormatError(`${source}:${line}: value "${r[1] ?? ''}" must be a non-negative number (a count per bucket)`);
    return { timestamp: r[0]!, time, value: value.data };
  });
  return { rows, bucketMinutes: bucketSpacing(rows, source) };
}

/** The spacing of the first two rows; every later step must be a positive whole number of it. */
function bucketSpacing(rows: SeriesRow[], source: string): number {
  if (rows.length < 2) return 5;
  const step = rows[1]!.time - rows[0]!.time;
  for (let i = 1; i < rows.length; i++) {
    const gap = rows[i]!.time - rows[i - 1]!.time;
    if (step <= 0 || gap <= 0 || gap % step !== 0) {
      throw new SeriesFormatError(`${source}:${i + 2}: timestamp "${rows[i]!.timestamp}" breaks the series' regular ${Math.max(step, 0) / 60_000}-minute spacing: rows must be in time order, one per bucket`);
    }
  }
  if (step % 60_000 !== 0) throw new SeriesFormatError(`${source}:3: buckets must be whole minutes apart (found ${step / 1000} s)`);
  return step / 60_000;
}

/** One point per bucket (zeros for missing buckets), and which point each row became. */
export function toCountPoints(series: CountSeries): { points: CountPoint[]; pointOfRow: number[] } {
  const stepMs = series.bucketMinutes * 60_000;
  const points: CountPoint[] = [];
  const pointOfRow: number[] = [];
  for (const row of series.rows) {
    while (points.length > 0 && points[points.length - 1]!.start + stepMs < row.time) points.push({ start: points[points.length - 1]!.start + stepMs, count: 0 });
    pointOfRow.push(points.length);
    points.push({ start: row.time, count: row.value });
  }
  return { points, pointOfRow };
}
