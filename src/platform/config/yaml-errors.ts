import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { ZodError } from 'zod';

/** A validation problem located in a YAML file: what is wrong, where, and how to fix it. */
export interface ConfigIssue {
  file: string;
  line?: number;
  key: string;
  message: string;
}

export function formatIssue(i: ConfigIssue): string {
  return `${i.file}${i.line ? `:${i.line}` : ''}: ${i.key || '(top level)'}: ${i.message}`;
}

/** Parses YAML keeping positions, so schema errors can name the line. */
export function parseYaml(text: string, file: string): { value: unknown; doc: Document; lines: LineCounter; issues: ConfigIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const issues = doc.errors.map((e) => ({
    file,
    // Without prettyErrors the yaml package leaves linePos empty: the line comes from the error's offset.
    line: e.linePos?.[0]?.line ?? (e.pos ? lines.linePos(e.pos[0]).line : undefined),
    key: '',
    message: `YAML syntax: ${e.message.split('\n')[0]}`,
  }));
  return { value: issues.length ? undefined : doc.toJS(), doc, lines, issues };
}

/** The 1-based line of the node at `path` in doc, or of its nearest existing parent. */
export function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  const at = (n: unknown) => {
    const range = (n as { range?: [number, number, number] } | null)?.range;
    if (range) line = lines.linePos(range[0]).line;
  };
  at(node);
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === seg);
      if (!pair) break;
      at(pair.key);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      at(node);
    } else break;
  }
  return line;
}

/** Turns a zod error into located issues with the bad value and what is allowed. */
export function zodIssues(err: ZodError, file: string, value: unknown, locate?: (path: readonly PropertyKey[]) => number | undefined): ConfigIssue[] {
  return err.issues.map((issue) => {
    const key = issue.path.map(String).join('.');
    const bad = valueAt(value, issue.path);
    const shown = bad === undefined ? '' : ` (got ${JSON.stringify(bad)?.slice(0, 80)})`;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove or correct the spelling`;
    if (issue.code === 'invalid_value' && 'values' in issue) message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    return { file, line: locate?.(issue.path), key, message: message + shown };
  });
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}
