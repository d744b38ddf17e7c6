import { segmentChinese } from '../text/segment.js';
import { scoreChinese } from './chinese.js';
import type { Analysis, Contribution } from './types.js';

/**
 * What the rules read in a Chinese text: its words as the segmenter cut them and the scoring's hits (each
 * sentiment word with its signed weight after negation and degree, and the rule that weighed it). The learned
 * layer learns from them as well as from character n-grams: a word is a better unit than the bigrams it spans,
 * and "好, negated" is a different cue from "好".
 */
export interface ChineseCues {
  tokens: readonly string[];
  hits: readonly Contribution[];
}

/**
 * Cues kept beside the analysis that produced them (when asked, AnalyzeOptions.cues), so that the learned layer
 * does not segment and score the text a second time (that doubled the cost of a Chinese text). Weak: they go
 * when the analysis goes, and an analysis object carries no extra field (stored and compared analyses stay as
 * they were).
 */
const kept = new WeakMap<Analysis, ChineseCues>();

export function keepCues(analysis: Analysis, cues: ChineseCues): void {
  kept.set(analysis, cues);
}

/** The cues of the analysis of `text`: those the analyser kept, or read again when the analysis was copied or built elsewhere. */
export function chineseCuesOf(text: string, analysis: Analysis): ChineseCues {
  const cues = kept.get(analysis);
  if (cues) return cues;
  const tokens = segmentChinese(text);
  const hits: Contribution[] = [];
  scoreChinese(tokens, hits);
  return { tokens, hits };
}
