import { z } from 'zod';
import { parseYamlFile } from '../text/yaml-file.js';
import type { Polarity } from './types.js';

/** An aspect of reviews (delivery, taste, …) and the terms that name it in each language. */
export interface Aspect {
  id: string;
  en: string[];
  zh: string[];
}

/** One aspect a text talks about, with the polarity of what it says about it. */
export interface AspectPolarity {
  aspect: string;
  score: number;
  label: Polarity;
  /** Set when a person corrected this aspect: analyses leave it alone until the correction is undone. */
  corrected?: { by: string; at: Date };
}

/**
 * A mention's aspects after a fresh analysis: the fresh ones, except that an aspect a person corrected keeps
 * the person's polarity (and stays even when the analysis no longer finds it). Aspect order: by name.
 */
export function withCorrectedAspects(fresh: readonly AspectPolarity[], stored: readonly AspectPolarity[] | undefined): AspectPolarity[] {
  const byAspect = new Map(fresh.map((a) => [a.aspect, a]));
  for (const a of stored ?? []) if (a.corrected) byAspect.set(a.aspect, a);
  return [...byAspect.values()].sort((x, y) => (x.aspect < y.aspect ? -1 : x.aspect > y.aspect ? 1 : 0));
}

/** A mention's aspects with one aspect set (`value`) or removed (null), in name order. */
export function withAspect(aspects: readonly AspectPolarity[] | undefined, aspect: string, value: Omit<AspectPolarity, 'aspect'> | null): AspectPolarity[] {
  const rest = (aspects ?? []).filter((a) => a.aspect !== aspect);
  return withCorrectedAspects(value ? [...rest, { aspect, ...value }] : rest, undefined);
}

const terms = z.array(z.string().trim().min(1)).min(1);
const aspectId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'aspect names are lower-case words joined by "-", e.g. food-safety');
const fileSchema = z.record(aspectId, z.strictObject({ en: terms.optional(), zh: terms.optional() }));
const HINT = 'expected `<aspect>: { en: [terms], zh: [terms] }`';

/** Parses an aspects YAML file (rules/aspects.yaml); errors name the file, line and key. */
export function parseAspects(yamlText: string, fileName: string): { ok: true; aspects: Aspect[] } | { ok: false; errors: string[] } {
  const parsed = parseYamlFile(yamlText, fileName, fileSchema, HINT);
  if (!parsed.ok) return parsed;
  return { ok: true, aspects: Object.entries(parsed.value).map(([id, t]) => ({ id, en: (t.en ?? []).map((x) => x.toLowerCase()), zh: t.zh ?? [] })) };
}

/** Clauses end at sentence and clause punctuation and before a contrast ("but", 但是): each says one thing. */
const CLAUSE_END = /[。！？!?；;，,.\n~～]+|(?=\bbut\b|\bhowever\b|但是|但|不过|可是)/i;

const namesEnglish = (clause: string, term: string): boolean => {
  const i = clause.indexOf(term);
  if (i < 0) return false;
  const before = clause[i - 1];
  const after = clause[i + term.length];
  return (!before || !/[a-z]/.test(before)) && (!after || !/[a-z]/.test(after));
};

/**
 * The aspects a text talks about, each with the summed rule score of the clauses that name it (`score`
 * scores one clause with the sentiment rules). A clause naming two aspects counts for both.
 */
export function aspectsOf(text: string, lang: 'en' | 'zh' | 'other', aspects: readonly Aspect[], score: (clause: string) => number, neutralBand = 0.05): AspectPolarity[] {
  const sums = new Map<string, number>();
  for (const raw of text.split(CLAUSE_END)) {
    const clause = raw.trim();
    if (!clause) continue;
    const lower = clause.toLowerCase();
    let clauseScore: number | undefined;
    for (const a of aspects) {
      const named = lang === 'zh' ? a.zh.some((t) => clause.includes(t)) || a.en.some((t) => namesEnglish(lower, t)) : a.en.some((t) => namesEnglish(lower, t));
      if (!named) continue;
      clauseScore ??= score(clause);
      sums.set(a.id, (sums.get(a.id) ?? 0) + clauseScore);
    }
  }
  return [...sums].map(([aspect, s]) => {
    const capped = Math.max(-1, Math.min(1, s));
    return { aspect, score: Math.round(capped * 10000) / 10000, label: capped >= neutralBand ? 'positive' : capped <= -neutralBand ? 'negative' : 'neutral' };
  });
}
