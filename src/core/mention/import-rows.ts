/**
 * Turns rows of an export (CSV columns or JSONL objects) into candidate mentions. A row is untrusted:
 * {@link checkRow} refuses the keys the API refuses ("$where" anywhere, NUL, ".", "__proto__", too deep)
 * before any column is read, and the candidate then meets the one mention schema (validateMention).
 */
import { formatFieldErrors, MENTION_LIMITS, unsafeKeys, validateMention, type FieldError, type MentionCheck } from './mention-input.js';

export interface ImportMapping {
  /** Mention field → column name in the file, e.g. { text: 'content', publishedAt: 'created_at' }. */
  columns: Record<string, string>;
  /** Values for fields the file lacks, e.g. { brand: 'acme', platform: 'weibo' }. */
  defaults: Record<string, string>;
}

const ENGAGEMENT = ['likes', 'shares', 'comments', 'views'] as const;
const NUMERIC = new Set(['rating', 'ratingScale', ...ENGAGEMENT, 'followers']);

/** Parses `--map text=content,publishedAt=created_at` into a column mapping; throws on malformed pairs. */
export function parseMapping(spec: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!spec) return out;
  for (const pair of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z.]+)=(.+)$/.exec(pair);
    if (!m) throw new Error(`--map: "${pair}" is not field=column (e.g. --map text=content,publishedAt=created_at)`);
    out[m[1]] = m[2];
  }
  return out;
}

/**
 * One row → a mention-shaped object (validated later by the ingest path). Unmapped fields are taken
 * from same-named columns; engagement counters may be flat (`likes`) or nested (`engagement.likes`).
 */
export function rowToMention(row: Record<string, unknown>, mapping: ImportMapping): Record<string, unknown> {
  const get = (field: string): unknown => {
    const col = mapping.columns[field] ?? field;
    const v = col.includes('.') ? col.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), row) : row[col];
    if (v === undefined || v === '') return mapping.defaults[field];
    return v;
  };
  const num = (field: string) => {
    const v = get(field);
    if (v === undefined || v === null || v === '') return undefined;
    return typeof v === 'number' ? v : NUMERIC.has(field) && /^-?\d+(\.\d+)?$/.test(String(v).trim()) ? Number(v) : v;
  };
  const out: Record<string, unknown> = {};
  for (const f of ['brand', 'platform', 'externalId', 'url', 'text', 'title', 'lang', 'publishedAt', 'observedAt', 'source'] as const) {
    const v = get(f);
    if (v !== undefined && v !== null) out[f] = f === 'externalId' ? String(v) : v;
  }
  for (const f of ['rating', 'ratingScale'] as const) {
    const v = num(f);
    if (v !== undefined) out[f] = v;
  }
  const nested = row.engagement && typeof row.engagement === 'object' ? (row.engagement as Record<string, unknown>) : {};
  const engagement: Record<string, unknown> = {};
  for (const f of ENGAGEMENT) {
    const v = num(f) ?? nested[f];
    if (v !== undefined) engagement[f] = v;
  }
  if (Object.keys(engagement).length) out.engagement = engagement;
  const author = row.author && typeof row.author === 'object' ? (row.author as Record<string, unknown>) : undefined;
  const authorName = get('authorName') ?? (typeof row.author === 'string' ? row.author : author?.name);
  const authorHandle = get('authorHandle') ?? author?.handle;
  if (authorName !== undefined || authorHandle !== undefined) out.author = { ...(authorName !== undefined ? { name: String(authorName) } : {}), ...(authorHandle !== undefined ? { handle: String(authorHandle) } : {}) };
  return out;
}

/** What is wrong with a row's keys, named by field ("extra.$where"); empty when it may be read. */
export function checkRow(row: Record<string, unknown>): FieldError[] {
  return unsafeKeys(row, { depth: MENTION_LIMITS.depth + 1 });
}

/** One row through the whole import check: its keys, then the mention schema. */
export function importRow(row: Record<string, unknown>, mapping: ImportMapping): MentionCheck {
  const unsafe = checkRow(row);
  if (unsafe.length) return { ok: false, errors: unsafe, error: formatFieldErrors(unsafe) };
  return validateMention(rowToMention(row, mapping));
}
