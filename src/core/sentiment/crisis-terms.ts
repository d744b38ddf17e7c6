import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { CrisisHit } from './types.js';

/** One crisis term as configured: matched separately from polarity and weighted by severity (0..1). */
export interface CrisisTerm {
  term: string;
  lang: 'en' | 'zh';
  category: string;
  severity: number;
}

export type CrisisTermsResult = { ok: true; terms: CrisisTerm[] } | { ok: false; errors: string[] };

const severity = z.number().min(0).max(1);
const termEntry = z.union([z.string().trim().min(1), z.strictObject({ term: z.string().trim().min(1), severity })]);
const category = z.strictObject({ severity, terms: z.array(termEntry).min(1) });
const categoryName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'category names are lower-case words joined by "-", e.g. food-safety');
const fileSchema = z.strictObject({
  en: z.record(categoryName, category).optional(),
  zh: z.record(categoryName, category).optional(),
});

const HINT = 'expected `<en|zh>: { <category>: { severity: 0..1, terms: [term, { term, severity }] } }`';

function lineOf(doc: Document, lines: LineCounter, path: PropertyKey[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as Array<string | number>, true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

/**
 * Parses a crisis-terms YAML file (see rules/crisis-terms.yaml) into a flat list of terms, or returns
 * errors that each name the file, line and key with what is expected there.
 */
export function parseCrisisTerms(yamlText: string, fileName: string): CrisisTermsResult {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => `${fileName}:${lines.linePos(e.pos[0]).line}: invalid YAML: ${e.message.split('\n')[0]}`) };
  }
  if (!isMap(doc.contents)) return { ok: false, errors: [`${fileName}:1: ${HINT}`] };
  const parsed = fileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const key = issue.path.join('.') || '(top level)';
        return `${fileName}:${lineOf(doc, lines, issue.path)}: ${key}: ${issue.message}; ${HINT}`;
      }),
    };
  }
  const terms: CrisisTerm[] = [];
  for (const lang of ['en', 'zh'] as const) {
    for (const [name, group] of Object.entries(parsed.data[lang] ?? {})) {
      for (const entry of group.terms) {
        const term = typeof entry === 'string' ? entry : entry.term;
        terms.push({ term: lang === 'en' ? term.toLowerCase() : term, lang, category: name, severity: typeof entry === 'string' ? group.severity : entry.severity });
      }
    }
  }
  return { ok: true, terms };
}

const isLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
const ENGLISH_SUFFIXES = ['s', 'es', 'ed', 'd', 'ing', 'er', 'ers'];

/** True when `term` occurs in `lower` as whole words, allowing a regular suffix ("recall" finds "recalled"). */
function containsWords(lower: string, term: string): boolean {
  for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
    if (at > 0 && isLetter(lower.charCodeAt(at - 1))) continue;
    const end = at + term.length;
    if (end >= lower.length || !isLetter(lower.charCodeAt(end))) return true;
    let wordEnd = end;
    while (wordEnd < lower.length && isLetter(lower.charCodeAt(wordEnd))) wordEnd++;
    if (ENGLISH_SUFFIXES.includes(lower.slice(end, wordEnd))) return true;
  }
  return false;
}

/** Finds configured crisis terms in a text: Chinese by substring, English by whole words. */
export class CrisisMatcher {
  private readonly english: CrisisTerm[];
  private readonly chinese: CrisisTerm[];

  constructor(terms: readonly CrisisTerm[]) {
    this.english = terms.filter((t) => t.lang === 'en');
    this.chinese = terms.filter((t) => t.lang === 'zh');
  }

  /** Chinese terms are only looked for when the text has Chinese in it; English ones always (mixed posts). */
  match(text: string, hasChinese: boolean): CrisisHit[] {
    const hits: CrisisHit[] = [];
    if (hasChinese) {
      for (const t of this.chinese) if (text.includes(t.term)) hits.push({ term: t.term, category: t.category, severity: t.severity });
    }
    if (this.english.length > 0) {
      const lower = text.toLowerCase();
      for (const t of this.english) if (containsWords(lower, t.term)) hits.push({ term: t.term, category: t.category, severity: t.severity });
    }
    return hits;
  }
}
