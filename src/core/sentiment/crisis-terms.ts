import { parseYamlFile } from '../text/yaml-file.js';
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

/**
 * Parses a crisis-terms YAML file (see rules/crisis-terms.yaml) into a flat list of terms, or returns
 * errors that each name the file, line and key with what is expected there.
 */
export function parseCrisisTerms(yamlText: string, fileName: string): CrisisTermsResult {
  const parsed = parseYamlFile(yamlText, fileName, fileSchema, HINT);
  if (!parsed.ok) return parsed;
  const terms: CrisisTerm[] = [];
  for (const lang of ['en', 'zh'] as const) {
    for (const [name, group] of Object.entries(parsed.value[lang] ?? {})) {
      for (const entry of group.terms) {
        const term = typeof entry === 'string' ? entry : entry.term;
        terms.push({ term: lang === 'en' ? term.toLowerCase() : term, lang, category: name, severity: typeof entry === 'string' ? group.severity : entry.severity });
      }
    }
  }
  return { ok: true, terms };
}

const ENGLISH_SUFFIXES = ['s', 'es', 'ed', 'd', 'ing', 'er', 'ers'];
const WORD_SPLIT = /[^a-z0-9]+/;

interface EnglishEntry {
  rest: string[];
  term: CrisisTerm;
}

/** True when `word` is `stem` or `stem` plus a regular ending ("recall" → "recalled"). */
function inflects(word: string, stem: string): boolean {
  if (word === stem) return true;
  return word.length > stem.length && word.startsWith(stem) && ENGLISH_SUFFIXES.includes(word.slice(stem.length));
}

/** Whether a character can start a key of the English index (its keys are split by WORD_SPLIT). */
const startsKey = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

const hit = (t: CrisisTerm): CrisisHit => ({ term: t.term, category: t.category, severity: t.severity });

/**
 * Finds configured crisis terms in a text in one pass: Chinese terms by substring (indexed by first
 * character), English terms as whole words (indexed by first word; the last word may carry a regular ending).
 */
export class CrisisMatcher {
  private readonly chinese = new Map<number, CrisisTerm[]>();
  /** 1 for each first character of a Chinese term: most characters start none, and a byte read rules them out. */
  private readonly chineseFirsts = new Uint8Array(0x10000);
  private readonly english = new Map<string, EnglishEntry[]>();

  constructor(terms: readonly CrisisTerm[]) {
    for (const t of terms) {
      if (t.lang === 'zh') {
        const first = t.term.charCodeAt(0);
        this.chinese.set(first, [...(this.chinese.get(first) ?? []), t]);
        this.chineseFirsts[first] = 1;
        continue;
      }
      const words = t.term.split(WORD_SPLIT).filter(Boolean);
      if (words.length === 0) continue;
      const entry = { rest: words.slice(1), term: t };
      // A one-word term is indexed under its regular inflections too, so matching stays one lookup per word.
      const keys = words.length === 1 ? [words[0]!, ...ENGLISH_SUFFIXES.map((suffix) => words[0]! + suffix)] : [words[0]!];
      for (const key of keys) this.english.set(key, [...(this.english.get(key) ?? []), entry]);
    }
  }

  /** `words` are the text's lower-cased bare words (for English terms); `hasChinese` enables Chinese terms. */
  match(text: string, words: readonly string[] | null, hasChinese: boolean): CrisisHit[] {
    const hits: CrisisHit[] = [];
    // Made on the first match only: most texts match nothing, and a set per text was garbage for nothing.
    let seen: Set<CrisisTerm> | undefined;
    if (words === null && !hasChinese) return hits;
    if (hasChinese && this.chinese.size > 0) {
      const firsts = this.chineseFirsts;
      for (let i = 0; i < text.length; i++) {
        if (firsts[text.charCodeAt(i)] !== 1) continue;
        const candidates = this.chinese.get(text.charCodeAt(i));
        if (!candidates) continue;
        for (const t of candidates) {
          if (seen?.has(t) || !text.startsWith(t.term, i)) continue;
          (seen ??= new Set()).add(t);
          hits.push(hit(t));
        }
      }
    }
    if (words && this.english.size > 0) {
      for (let i = 0; i < words.length; i++) {
        const word = words[i]!;
        // Every key is made of [a-z0-9]: a word starting otherwise (each Chinese token) is ruled out without a lookup.
        if (!startsKey(word.charCodeAt(0))) continue;
        const entries = this.english.get(word);
        if (!entries) continue;
        for (const e of entries) {
          if (seen?.has(e.term) || !this.follows(words, i, e)) continue;
          (seen ??= new Set()).add(e.term);
          hits.push(hit(e.term));
        }
      }
    }
    return hits;
  }

  private follows(words: readonly string[], at: number, entry: EnglishEntry): boolean {
    const { rest } = entry;
    for (let k = 0; k < rest.length; k++) {
      const word = words[at + 1 + k];
      if (word === undefined) return false;
      if (k === rest.length - 1 ? !inflects(word, rest[k]!) : word !== rest[k]) return false;
    }
    return true;
  }
}
