import { detectLanguage, normaliseLang } from '../text/language.js';
import { splitEnglish } from '../text/english-tokens.js';
import { hasHan } from '../text/han.js';
import { nameMask, type NameMask } from '../text/brand-names.js';
import { extractKeywords } from '../text/keywords.js';
import { addChineseWords, segmentChinese } from '../text/segment.js';
import { CHINESE_WORDS, loadChineseDictionary, WEIBO_EMOTICONS, type ChineseWord } from './chinese-lexicon.js';
import { scoreChinese } from './chinese.js';
import { keepCues, wordCues, type CueSink } from './cues.js';
import { CrisisMatcher, type CrisisTerm } from './crisis-terms.js';
import { scoreEmoji } from './emoji.js';
import { scoreEnglish } from './english.js';
import { ENGLISH_NEGATORS } from './english-lexicon.js';
import { combineWithRating, ratingPolarity } from './rating.js';
import type { Analysis, AnalyzeInput, Contribution, CrisisHit, Lang, Polarity } from './types.js';

/** VADER's normalisation constant: maps an unbounded sum onto (−1, 1) so that a sum of ±4 lands near ±0.72. */
const NORMALISATION_ALPHA = 15;
/** |score| below this is neutral (VADER's threshold). */
const NEUTRAL_BAND = 0.05;

export interface AnalyzerOptions {
  /** Crisis terms to flag (see parseCrisisTerms); none when omitted. */
  crisisTerms?: readonly CrisisTerm[];
}

export interface AnalyzeOptions {
  /** List the tokens and rules that moved the score. */
  explain?: boolean;
  /**
   * Keep a Chinese text's cues (words and hits, src/core/sentiment/cues.ts) on the analysis for the learned
   * layer. Off by default: only a brand with a learned layer in force needs them; without them the layer
   * segments and scores the text again (about doubling its cost).
   */
  cues?: boolean;
}

export interface Analyzer {
  analyze(input: AnalyzeInput, opts?: AnalyzeOptions): Analysis;
}

const isFunctionRole = (word: ChineseWord): boolean =>
  word.negator !== undefined || word.degree !== undefined || word.contrast !== undefined || word.concession === true || word.conclusion === true;
/**
 * The Chinese function words, apart: a few hundred, so the keyword filter probes a small set that stays in cache
 * instead of the whole word table (18k words and more). Made again when the table grows (the dictionary load).
 */
let functionWords = new Set<string>();
let functionWordsFor = -1;
const isChineseFunctionWord = (w: string): boolean => {
  if (functionWordsFor !== CHINESE_WORDS.size) {
    functionWords = new Set([...CHINESE_WORDS].filter(([, word]) => isFunctionRole(word)).map(([key]) => key));
    functionWordsFor = CHINESE_WORDS.size;
  }
  return functionWords.has(w);
};
const isEnglishFunctionWord = (w: string): boolean => ENGLISH_NEGATORS.has(w);

let segmenterTaught = false;
function teachSegmenter(terms: readonly CrisisTerm[]): void {
  if (!segmenterTaught) {
    addChineseWords([...CHINESE_WORDS].filter(([, word]) => !word.dictionary).map(([w]) => w));
    addChineseWords(WEIBO_EMOTICONS.keys());
    segmenterTaught = true;
  }
  addChineseWords(terms.filter((t) => t.lang === 'zh').map((t) => t.term));
}

let dictionaryTaught = false;
/** The bilingual dictionary is loaded with the first Chinese text: a process that sees none never pays for it. */
function teachDictionary(): void {
  if (dictionaryTaught) return;
  addChineseWords(loadChineseDictionary(), 'dictionary');
  dictionaryTaught = true;
}

/** Masks by name list: a handful of brands, so a small map suffices (cleared when it grows past 256). */
const masks = new Map<string, NameMask>();
function maskFor(names: readonly string[] | undefined): NameMask | undefined {
  if (!names?.length) return undefined;
  const key = names.join('\u0000');
  let m = masks.get(key);
  if (!m) {
    if (masks.size >= 256) masks.clear();
    m = nameMask(names, segmentChinese);
    masks.set(key, m);
  }
  return m;
}

/** The word ids of the text being analysed (segment.ts), one array for every text: numbers only, no garbage. */
const cutIds: number[] = [];

/** The polarity of a score: |score| below the neutral band is neutral. */
export const labelOf = (score: number): Polarity => (score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral');

/** Builds the bilingual analyser: pure and deterministic; the jieba segmenter is shared by all analysers. */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const crisisTerms = options.crisisTerms ?? [];
  const matcher = new CrisisMatcher(crisisTerms);
  teachSegmenter(crisisTerms);

  function analyze(input: AnalyzeInput, opts: AnalyzeOptions = {}): Analysis {
    const names = maskFor(input.names);
    const text = names ? names.mask(input.text) : input.text;
    const explain: Contribution[] | null = opts.explain ? [] : null;
    const lang: Lang = normaliseLang(input.lang) ?? detectLanguage(text);
    let sum = 0;
    let keywords: string[];
    let crisis: CrisisHit[];
    let cues: CueSink | null = null;
    if (lang === 'zh') {
      teachDictionary();
      const tokens = segmentChinese(text, cutIds);
      if (opts.cues) cues = wordCues(tokens, false, cutIds);
      sum = scoreChinese(tokens, explain, cues, cutIds);
      keywords = extractKeywords(tokens, names ? (w) => isChineseFunctionWord(w) || names.isNamePiece(w) : isChineseFunctionWord);
      crisis = matcher.match(text, tokens, true);
    } else {
      const english = splitEnglish(text);
      if (lang === 'en') sum = scoreEnglish(text, english, explain);
      keywords = extractKeywords(english.words, names ? (w) => isEnglishFunctionWord(w) || names.isNamePiece(w) : isEnglishFunctionWord);
      crisis = matcher.match(text, english.words, hasHan(text));
    }
    sum += scoreEmoji(text, explain);
    let score = sum / Math.sqrt(sum * sum + NORMALISATION_ALPHA);
    const polarity = ratingPolarity(input.rating, input.ratingScale);
    if (polarity !== undefined) score = combineWithRating(score, polarity, explain, `${input.rating}/${input.ratingScale ?? 5} stars`);
    score = Math.round(score * 10000) / 10000;
    const analysis: Analysis = { score, label: labelOf(score), lang, crisis, keywords };
    if (explain) analysis.explain = explain;
    if (cues) keepCues(analysis, cues.keys);
    return analysis;
  }

  return { analyze };
}
