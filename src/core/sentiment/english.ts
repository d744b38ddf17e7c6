import type { EnglishTokens } from '../text/english-tokens.js';
import type { Contribution } from './types.js';
import { ENGLISH_VALENCE, ENGLISH_WORDS, type EnglishWord } from './english-lexicon.js';

/** VADER's empirically derived constants: negation scales by −0.74, a booster or ALL-CAPS adds ≈0.29 / 0.73. */
const NEGATION_SCALAR = -0.74;
const CAPS_BOOST = 0.733;
const BEFORE_CONTRAST = 0.5;
/** "Although it looks great, it breaks": the conceded clause (up to its comma) weighs half. */
const CONCEDED = 0.5;
const CONCESSIONS = new Set(['although', 'though', 'despite', 'while', 'whilst']);
const AFTER_CONTRAST = 1.5;
const EXCLAMATION_BOOST = 0.292;
const QUESTION_BOOST = 0.18;
const SCOPE = 3;
/** "not bad", "no problem": a negated negative word is only mildly positive. */
const NEGATED_NEGATIVE = -0.4;

function isShouting(token: string): boolean {
  let letters = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return false;
    if (c >= 0x41 && c <= 0x5a) letters++;
  }
  return letters > 1;
}

const NONE: EnglishWord = {};

/** Negators: listed words and any "…n't" contraction. */
const isNegator = (word: string, info: EnglishWord): boolean => info.negator === true || word.endsWith("n't");

/** True when the token closes a clause ("confused;", "great!"): negation and boosters do not reach past it. */
function closesClause(token: string): boolean {
  const c = token.charCodeAt(token.length - 1);
  return c === 0x2e || c === 0x2c || c === 0x3b || c === 0x21 || c === 0x3f || c === 0x3a;
}

/** Emoticons in the lexicon are at most six characters (":-))", "^_^"); longer tokens are words with punctuation. */
const EMOTICON_MAX = 6;

/** An emoticon or other punctuation-bearing lexicon entry (":(", "<3", ":-D") written as the whole token. */
const emoticonValence = (token: string, word: string): number | undefined =>
  token.length === word.length || token.length > EMOTICON_MAX ? undefined : ENGLISH_VALENCE.get(token.toLowerCase());

function punctuationEmphasis(text: string): number {
  let bangs = 0;
  let questions = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x21) bangs++;
    else if (c === 0x3f) questions++;
  }
  const fromBangs = Math.min(bangs, 4) * EXCLAMATION_BOOST;
  const fromQuestions = questions > 1 ? Math.min(questions, 3) * QUESTION_BOOST : 0;
  return fromBangs + fromQuestions;
}

/** Boosters and dampeners in the three words before `i` (within its clause) push the valence away from / toward 0. */
function boosted(v: number, tokens: string[], info: EnglishWord[], i: number): number {
  for (let back = 1; back <= SCOPE && i - back >= 0 && !closesClause(tokens[i - back]!); back++) {
    const booster = info[i - back]!.booster;
    if (booster !== undefined) v += (v > 0 ? booster : -booster) * (1 - 0.05 * (back - 1));
  }
  return v;
}

/** A negator ("not", "never", "didn't", "least") in the three words before `i`, within its clause. */
function negated(tokens: string[], words: string[], info: EnglishWord[], i: number): boolean {
  for (let back = 1; back <= SCOPE && i - back >= 0 && !closesClause(tokens[i - back]!); back++) {
    const prev = words[i - back]!;
    if (isNegator(prev, info[i - back]!)) return true;
    if (prev === 'least' && words[i - back - 1] !== 'at' && words[i - back - 1] !== 'very') return true;
  }
  return false;
}

/**
 * Scores English text the VADER way (lexicon valence, negation within three words of the same clause,
 * boosters and dampeners, ALL-CAPS, "but" contrast, "!"), with goldenhour's phrase list and complaint
 * vocabulary on top. Negated negative words turn only mildly positive ("not bad" is not "good").
 * Returns the unnormalised sum; `explain`, when given, receives every token that moved it.
 */
export function scoreEnglish(text: string, { tokens, words }: EnglishTokens, explain: Contribution[] | null): number {
  const n = tokens.length;
  const info = new Array<EnglishWord>(n);
  let shouted = 0;
  let lettered = 0;
  let contrastAt = -1;
  let concededFrom = -1;
  let concededTo = -1;
  for (let i = 0; i < n; i++) {
    const w = (info[i] = ENGLISH_WORDS.get(words[i]!) ?? NONE);
    if (words[i]!.length > 0) lettered++;
    if (isShouting(tokens[i]!)) shouted++;
    if (w.contrast) contrastAt = i;
    if (concededFrom < 0 && CONCESSIONS.has(words[i]!)) concededFrom = i;
    else if (concededFrom >= 0 && concededTo < 0 && closesClause(tokens[i]!)) concededTo = i;
  }
  const capsMatter = shouted > 0 && shouted < lettered;

  let sum = 0;
  for (let i = 0; i < n; i++) {
    const token = tokens[i]!;
    const word = words[i]!;
    const w = info[i]!;
    let v: number | undefined;
    let rule = 'lexicon';
    const phrase = w.phrases?.get(words[i + 1] ?? '');
    const emoticon = emoticonValence(token, word);
    if (phrase !== undefined && !closesClause(token)) {
      v = phrase;
      rule = 'phrase';
      i++;
    } else if (emoticon !== undefined) {
      v = emoticon;
      rule = 'emoticon';
    } else {
      v = w.valence;
      if (v === undefined || v === 0) continue;
      // "so good", "no fun": the booster or negator is grammar here, the next word carries the sentiment
      // ("no tacos" keeps the negator's own valence: nothing else carries it).
      if (i + 1 < n && !closesClause(token) && (w.booster !== undefined || isNegator(word, w)) && info[i + 1]!.valence !== undefined) continue;
      if (capsMatter && isShouting(token)) v += v > 0 ? CAPS_BOOST : -CAPS_BOOST;
      v = boosted(v, tokens, info, i);
      if (!isNegator(word, w) && negated(tokens, words, info, i)) {
        v *= v > 0 ? NEGATION_SCALAR : NEGATED_NEGATIVE;
        rule = 'negated';
      }
    }
    if (v === 0) continue;
    if (contrastAt >= 0) v *= i < contrastAt ? BEFORE_CONTRAST : i > contrastAt ? AFTER_CONTRAST : 1;
    if (i > concededFrom && i <= concededTo) v *= CONCEDED;
    sum += v;
    explain?.push({ token: rule === 'emoticon' ? token : word, weight: round(v), rule });
  }

  if (sum !== 0) {
    const emphasis = punctuationEmphasis(text);
    if (emphasis > 0) {
      const signed = sum > 0 ? emphasis : -emphasis;
      sum += signed;
      explain?.push({ token: '!', weight: round(signed), rule: 'emphasis' });
    }
  }
  return sum;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
