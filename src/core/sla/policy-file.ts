import { isNode, isPair, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { yamlValue } from '../text/yaml-value.js';
import { slaFileSchema, type SlaPolicy } from './policy.js';

/** One problem in an SLA file, located so the user can jump to it. */
export interface SlaFileError {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the offending key, e.g. `policies.0.steps.1.notify`. */
  path: string;
  message: string;
}

export type SlaFileResult = { ok: true; policies: SlaPolicy[] } | { ok: false; errors: SlaFileError[] };

/** Parses and validates the text of an SLA policy file; every error names file, line, key and the fix. */
export function parseSlaFile(text: string, file: string): SlaFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, path: '', message: `YAML syntax: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  const value = yamlValue(doc, lineCounter);
  if (!value.ok) return { ok: false, errors: [{ file, line: value.line, column: value.column, path: '', message: value.message }] };
  const parsed = slaFileSchema.safeParse(value.value ?? {});
  if (parsed.success) return { ok: true, policies: parsed.data.policies };
  return { ok: false, errors: parsed.error.issues.map((issue) => locate(issue, doc, lineCounter, file)) };
}

/** Formats errors one per line as `file:line:column: path: message`. */
export function formatSlaFileErrors(errors: SlaFileError[]): string {
  return errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.path || '(document)'}: ${e.message}`).join('\n');
}

function locate(issue: z.core.$ZodIssue, doc: Document, lineCounter: LineCounter, file: string): SlaFileError {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? p.toString() : p));
  // An unknown key is reported on its object; point at the key itself.
  if (issue.code === 'unrecognized_keys' && issue.keys[0]) path.push(issue.keys[0]);
  const offset = nearestOffset(doc, path);
  const pos = lineCounter.linePos(offset);
  return { file, line: pos.line, column: pos.col, path: path.join('.'), message: explain(issue) };
}

/** Offset of the deepest node on the path that exists (an unknown key points at its own pair). */
function nearestOffset(doc: Document, path: (string | number)[]): number {
  for (let depth = path.length; depth > 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
    if (isPair(node) && isNode(node.key) && node.key.range) return node.key.range[0];
  }
  return isNode(doc.contents) && doc.contents.range ? doc.contents.range[0] : 0;
}

function explain(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; allowed: id, description, respondWithinMinutes, solveWithinMinutes, pausable, steps (policy) or id, afterMinutes, on, notify, unless (step)`;
  }
  if (issue.code === 'invalid_value') return `${issue.message}; allowed values: ${issue.values.map(String).join(', ')}`;
  return issue.message;
}
