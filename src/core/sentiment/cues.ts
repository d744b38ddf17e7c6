import type { Analysis } from './types.js';

/**
 * What the rules read in a Chinese text, as cues for the learned layer: its words as the segmenter cut them and
 * the scoring's hits (each sentiment word with the sign it ended with after negation and degree, and apart the
 * rule that weighed it with that sign). A word is a better unit than the bigrams it spans, and "好, negated" is
 * a different cue from "好".
 *
 * The analyser hands them over as keys (one 32-bit hash per cue, in a plain number array) computed in the same
 * pass as the scoring, not as the words and hit objects themselves: keeping those on every analysis cost a
 * third of the Chinese analysis rate in allocation and garbage collection, while one array of numbers costs
 * little. The layer spreads each key over its table (learned/features.ts).
 */
export interface CueSink {
  keys: number[];
  /** Each key's cue in words, for explanations only (null on the fast path). */
  names: string[] | null;
}

const WORD = 0x165667b1;
const HIT = 0xd3a2646c;
const HIT_RULE = 0xfd7046c5;

const isSpace = (c: number): boolean => c <= 32 || c === 0x3000;
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** FNV-1a of a string's lower-cased characters from `seed`, then a sign (0 for none). */
function keyOf(seed: number, s: string, sign = 0): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ lower(s.charCodeAt(i)), 16777619);
  return sign ? Math.imul(h ^ sign, 16777619) : h;
}

/** The key of a word's cue, or null for a blank word (which gives none). */
function wordKey(word: string): number | null {
  let blank = true;
  for (let i = 0; i < word.length && blank; i++) blank = isSpace(word.charCodeAt(i));
  return blank ? null : keyOf(WORD, word);
}

/**
 * Word cue keys by the segmenter's word id (segment.ts): an id names one word for good, so its key is hashed
 * once rather than once per occurrence (most of a review's tokens are words the segmenter holds).
 */
const keyById: (number | null | undefined)[] = [];

/**
 * A sink holding the cues of a text's words (blank ones skipped); the scoring adds its hits with hitCue. `ids`,
 * when given, are the word ids segmentChinese gave these tokens.
 */
export function wordCues(tokens: readonly string[], names = false, ids?: readonly number[]): CueSink {
  const sink: CueSink = { keys: [], names: names ? [] : null };
  for (let t = 0; t < tokens.length; t++) {
    const word = tokens[t]!;
    const id = ids?.[t] ?? 0;
    let key: number | null | undefined;
    if (id === 0) key = wordKey(word);
    else {
      while (keyById.length <= id) keyById.push(undefined);
      key = keyById[id];
      if (key === undefined) key = keyById[id] = wordKey(word);
    }
    if (key === null) continue;
    sink.keys.push(key);
    sink.names?.push(word);
  }
  return sink;
}

/** A hit of the scoring: its word with the sign it ended with, and its rule with that sign. */
export function hitCue(sink: CueSink, token: string, weight: number, rule: string): void {
  const sign = weight > 0 ? 1 : 2;
  sink.keys.push(keyOf(HIT, token, sign), keyOf(HIT_RULE, rule, sign));
  if (sink.names) {
    const mark = sign === 1 ? '+' : '−';
    sink.names.push(`rules:${token}${mark}`, `rules:${rule}${mark}`);
  }
}

/**
 * Keys kept on the analysis that produced them (when asked, AnalyzeOptions.cues), so that the learned layer does
 * not segment and score the text a second time. A hidden property: not enumerable, so stored, serialised, copied
 * and compared analyses stay as they were (a copy loses the keys and the layer reads them again).
 */
const CUES = Symbol('chinese cues');
type WithCues = Analysis & { [CUES]?: readonly number[] };

export function keepCues(analysis: Analysis, keys: readonly number[]): void {
  Object.defineProperty(analysis, CUES, { value: keys });
}

/** The cue keys the analyser kept on an analysis (undefined for one made without them, or copied). */
export const keptCueKeys = (analysis: Analysis): readonly number[] | undefined => (analysis as WithCues)[CUES];
