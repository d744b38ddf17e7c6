import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { yamlValue } from './yaml-value.js';

/**
 * Parses a small YAML rules file against its schema; every error names the file, the line and the key,
 * then what is expected there (`hint`). A bad map key is reported on its own line.
 */
export function parseYamlFile<T>(yamlText: string, fileName: string, schema: z.ZodType<T>, hint: string): { ok: true; value: T } | { ok: false; errors: string[] } {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) return { ok: false, errors: doc.errors.map((e) => `${fileName}:${lines.linePos(e.pos[0]).line}: invalid YAML: ${e.message.split('\n')[0]}`) };
  if (!isMap(doc.contents)) return { ok: false, errors: [`${fileName}:1: ${hint}`] };
  const value = yamlValue(doc, lines);
  if (!value.ok) return { ok: false, errors: [`${fileName}:${value.line}: ${value.message}`] };
  const parsed = schema.safeParse(value.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const badKey = issue.code === 'invalid_key';
      const message = badKey ? (issue.issues[0]?.message ?? issue.message) : issue.message;
      const line = badKey ? keyLine(doc, lines, issue.path) : lineOf(doc, lines, issue.path);
      return `${fileName}:${line}: ${issue.path.join('.') || '(top level)'}: ${message}; ${hint}`;
    }),
  };
}

/** The line of the deepest node of `path` that exists. */
function lineOf(doc: Document, lines: LineCounter, path: PropertyKey[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as Array<string | number>, true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

/** The line of the key that ends `path` (where a bad key is written). */
function keyLine(doc: Document, lines: LineCounter, path: PropertyKey[]): number {
  const parent = doc.getIn(path.slice(0, -1) as Array<string | number>, true);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
    if (pair && isScalar(pair.key) && pair.key.range) return lines.linePos(pair.key.range[0]).line;
  }
  return lineOf(doc, lines, path);
}
