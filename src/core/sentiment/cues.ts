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
 * Cues kept on the analysis that produced them (when asked, AnalyzeOptions.cues), so that the learned layer does
 * not segment and score the text a second time (that doubled the cost of a Chinese text). A hidden property: not
 * enumerable, so stored, serialised, copied and compared analyses stay as they were (a copy loses the cues and
 * the layer reads them again). A WeakMap beside the analyses did the same but cost a third of the Chinese
 * analysis rate in garbage collection (measured 8.3 k against 12–13.5 k texts per CPU-second).
 */
const CUES = Symbol('chinese cues');
type WithCues = Analysis & { [CUES]?: ChineseCues };

export function keepCues(analysis: Analysis, cues: ChineseCues): void {
  Object.defineProperty(analysis, CUES, { value: cues });
}

/** The cues of the analysis of `text`: those the analyser kept, or read again when the analysis was copied or built elsewhere. */
export function chineseCuesOf(text: string, analysis: Analysis): ChineseCues {
  const cues = (analysis as WithCues)[CUES];
  if (cues) return cues;
  const tokens = segmentChinese(text);
  const hits: Contribution[] = [];
  scoreChinese(tokens, hits);
  return { tokens, hits };
}
