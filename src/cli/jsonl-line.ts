import type { z } from 'zod';

/**
 * One JSONL input line of a bulk command, checked against its schema: the data, or the output line that
 * reports it (`{"id":…,"error":"line N: …"}`). `keepId` repeats a readable `id` of a refused line.
 */
export function readJsonlLine<T extends z.ZodType>(line: string, lineNo: number, schema: T, opts: { keepId?: boolean } = {}): { ok: true; data: z.infer<T> } | { ok: false; out: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (err) {
    return { ok: false, out: JSON.stringify({ id: null, error: `line ${lineNo}: not valid JSON (${(err as Error).message})` }) };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? `"${issue.path.join('.')}": ` : '';
  const id = opts.keepId && typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : null;
  return { ok: false, out: JSON.stringify({ id: id ?? null, error: `line ${lineNo}: ${where}${issue.message}` }) };
}
