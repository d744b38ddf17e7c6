import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { yamlValue } from '../text/yaml-value.js';
import { recipeSchema, type Recipe } from './recipe.js';

/** One problem in a recipe file, pointing at the line a user should edit. */
export interface RecipeError {
  file: string;
  line: number;
  column: number;
  /** Dotted key path inside the recipe, e.g. "extract.fields.time". */
  key: string;
  message: string;
}

export type RecipeParse = { ok: true; recipe: Recipe } | { ok: false; errors: RecipeError[] };

/** A further check the caller adds (e.g. the cron syntax, known only to the scheduler library): path and message, or nothing. */
export type RecipeCheck = (recipe: Recipe) => { path: (string | number)[]; message: string }[];

/** "file:line:column key: message" — the form `goldenhour check` prints. */
export function formatRecipeError(e: RecipeError): string {
  return `${e.file}:${e.line}:${e.column} ${e.key ? `${e.key}: ` : ''}${e.message}`;
}

/** Parses and validates one recipe's YAML text; every error carries the file, line and key to fix. */
export function parseRecipe(text: string, file: string, check?: RecipeCheck): RecipeParse {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, key: '', message: `YAML syntax: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  const locate = (path: (string | number)[], message: string): RecipeError => {
    const offset = offsetOf(doc, path);
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, key: path.join('.'), message };
  };
  const value = yamlValue(doc, lineCounter);
  if (!value.ok) return { ok: false, errors: [{ file, line: value.line, column: value.column, key: '', message: value.message }] };
  const parsed = recipeSchema.safeParse(value.value);
  const isMissing = (path: (string | number)[]) => path.length > 0 && !doc.hasIn(path);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.flatMap((i) => issueErrors(i, locate, isMissing)) };
  const extra = check?.(parsed.data) ?? [];
  if (extra.length > 0) return { ok: false, errors: extra.map((e) => locate(e.path, e.message)) };
  return { ok: true, recipe: parsed.data };
}

function issueErrors(
  issue: z.core.$ZodIssue,
  locate: (path: (string | number)[], message: string) => RecipeError,
  isMissing: (path: (string | number)[]) => boolean,
): RecipeError[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => locate([...path, k], `unknown key "${k}"; check its spelling against the recipe reference`));
  }
  if (issue.code !== 'custom' && isMissing(path)) return [locate(path, issue.code === 'invalid_type' ? `required (${issue.message.replace(/^Invalid input: /, '')})` : 'required')];
  return [locate(path, issue.message)];
}

/** Offset of the deepest node on the path that exists (a missing key points at its parent map). */
function offsetOf(doc: Document, path: (string | number)[]): number {
  let node: unknown = doc.contents;
  let offset = isNode(node) ? (node.range?.[0] ?? 0) : 0;
  for (const key of path) {
    if (!isMap(node) && !(isNode(node) && 'items' in node)) break;
    const items = (node as { items: unknown[] }).items;
    const pair = isMap(node)
      ? items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key))
      : items[Number(key)];
    if (pair === undefined) break;
    if (isPair(pair)) {
      const keyNode = pair.key as Node | null;
      offset = keyNode?.range?.[0] ?? offset;
      node = pair.value;
    } else {
      node = pair;
      offset = isNode(pair) ? (pair.range?.[0] ?? offset) : offset;
    }
  }
  return offset;
}
