import type { Contribution } from './types.js';
import {
  CHINESE_CONCESSION,
  CHINESE_CONTRAST,
  CHINESE_DEGREE,
  CHINESE_NEGATORS,
  CHINESE_SOFT_NEGATORS,
  CHINESE_VALENCE,
  WEIBO_EMOTICONS,
} from './chinese-lexicon.js';
import { ENGLISH_VALENCE } from './english-lexicon.js';

/** Negating a positive word makes it about as negative (不好吃); negating a negative one only mildly positive (不难吃). */
const NEGATED_POSITIVE = -0.9;
const NEGATED_NEGATIVE = -0.4;
/** 不太好 / 不是很满意: a softened negation. */
const SOFT_NEGATION = -0.5;
const NEGATION_SCOPE = 3;
const DEGREE_SCOPE = 2;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
const CONCEDED = 0.5;
const EXCLAMATION = 1.25;
const EMOTICON_SCAN = 6;

const CLAUSE_END = new Set(['，', ',', '。', '.', '！', '!', '？', '?', '；', ';', '~', '～', '…', '\n', ' ', '、', '：', ':']);
const EXCLAMATIONS = new Set(['！', '!']);

const isLatinWord = (token: string): boolean => {
  const c = token.charCodeAt(0);
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
};

/** Reads a Weibo emoticon spelled `[` name `]` over several tokens; returns its weight and the index of `]`. */
function emoticonAt(tokens: string[], open: number): { name: string; weight: number; close: number } | undefined {
  let name = '';
  for (let j = open + 1; j < tokens.length && j <= open + EMOTICON_SCAN; j++) {
    if (tokens[j] === ']') {
      const weight = WEIBO_EMOTICONS.get(name);
      return weight === undefined ? undefined : { name, weight, close: j };
    }
    name += tokens[j];
  }
  return undefined;
}

interface Clause {
  sum: number;
  weight: number;
  negatedAt: number;
  softNegation: boolean;
  degree: number;
  degreeAt: number;
}

/**
 * Scores segmented Chinese text: lexicon valence per word, negation (不/没/无… within three words, softened
 * for 不太/不是很), degree adverbs (很/太/有点…), contrast (但是/不过/却: the later clause weighs more),
 * concession (虽然), "！" emphasis and Weibo emoticons. Latin words in mixed posts use the English lexicon.
 * Returns the unnormalised sum.
 */
export function scoreChinese(tokens: string[], explain: Contribution[] | null): number {
  let total = 0;
  let afterContrast = false;
  const clause: Clause = { sum: 0, weight: 1, negatedAt: -99, softNegation: false, degree: 1, degreeAt: -99 };
  const flush = (exclaimed: boolean): void => {
    if (clause.sum !== 0) total += clause.sum * clause.weight * (exclaimed ? EXCLAMATION : 1) * (afterContrast ? AFTER_CONTRAST : 1);
    clause.sum = 0;
    clause.weight = 1;
    clause.negatedAt = -99;
    clause.degreeAt = -99;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (CLAUSE_END.has(token)) {
      flush(EXCLAMATIONS.has(token));
      continue;
    }
    if (token === '[') {
      const emoticon = emoticonAt(tokens, i);
      if (emoticon) {
        clause.sum += emoticon.weight;
        explain?.push({ token: `[${emoticon.name}]`, weight: emoticon.weight, rule: 'emoticon' });
        i = emoticon.close;
        continue;
      }
    }
    if (CHINESE_CONTRAST.has(token)) {
      total *= BEFORE_CONTRAST;
      clause.sum *= BEFORE_CONTRAST;
      afterContrast = true;
      if (!CHINESE_VALENCE.has(token)) continue;
    }
    if (CHINESE_CONCESSION.has(token)) {
      clause.weight = CONCEDED;
      continue;
    }
    if (CHINESE_NEGATORS.has(token)) {
      clause.negatedAt = i;
      clause.softNegation = CHINESE_SOFT_NEGATORS.has(token);
      continue;
    }
    const degree = CHINESE_DEGREE.get(token);
    const next = tokens[i + 1];
    if (degree !== undefined && (!CHINESE_VALENCE.has(token) || (next !== undefined && (CHINESE_VALENCE.has(next) || CHINESE_NEGATORS.has(next))))) {
      clause.degree = degree;
      clause.degreeAt = i;
      continue;
    }
    const valence = CHINESE_VALENCE.get(token) ?? (isLatinWord(token) ? ENGLISH_VALENCE.get(token.toLowerCase()) : undefined);
    if (valence === undefined) continue;

    let v = valence;
    let rule = 'lexicon';
    const negated = i - clause.negatedAt <= NEGATION_SCOPE;
    const degreeApplies = i - clause.degreeAt <= DEGREE_SCOPE;
    if (negated && degreeApplies && clause.negatedAt < clause.degreeAt) {
      v *= SOFT_NEGATION;
      rule = 'softened negation';
    } else {
      if (degreeApplies) v *= clause.degree;
      if (negated) {
        v *= clause.softNegation ? SOFT_NEGATION : v > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
        rule = clause.softNegation ? 'softened negation' : 'negated';
      } else if (degreeApplies && clause.degree !== 1) {
        rule = 'degree';
      }
    }
    clause.negatedAt = -99;
    clause.degreeAt = -99;
    clause.sum += v;
    explain?.push({ token, weight: Math.round(v * 1000) / 1000, rule });
  }
  flush(false);
  return total;
}
