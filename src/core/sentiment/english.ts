import type { EnglishTokens } from '../text/english-tokens.js';
import type { Contribution } from './types.js';
import { blankWord, englishValence, englishWord, type EnglishWord } from './english-lexicon.js';
import { boosted, closesClause, endsInQuestion, excessive, idiomAt, isNegator, likeIsVerb, negated, unreached } from './english-scope.js';

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
/**
 * Faint praise: a positive word rated below VADER's "nice" (1.8; "decent", "okay", "fine") counts half. Mild praise
 * rarely decides a verdict, and in reviews and editorials it often introduces the criticism that follows.
 */
const FAINT_PRAISE = 1.8;
const FAINT_WEIGHT = 0.5;
/**
 * Negative words count a little more than positive ones: reviewers and editorial writers wrap criticism in
 * mild praise far more often than the reverse (the "positivity bias" SO-CAL corrects with a weight on negatives).
 */
const NEGATIVITY = 1.1;
/** "too long": see `excessive`. */
const TOO_EXCESS = -1.5;
/** "not funny enough", "isn't enough": a shortfall. */
const SHORTFALL = -1.5;
/** A comparing "like" keeps a little of the verb's warmth: "sounds like a party" still leans positive. */
const LIKE_COMPARING = 0.4;
/** "Is it funny? Sometimes.": praise inside a question is asked about, not asserted (SO-CAL ignores it; we halve it). */
const ASKED = 0.5;
/** "not bad", "no problem": a negated negative word is only mildly positive. */
const NEGATED_NEGATIVE = -0.4;
/**
 * A post that signs off with an emoticon says how it is meant: words that pull against a closing ":-)" are
 * teasing, irony or self-mockery ("Goof ;)", "such a loser :D"), against a closing ":(" they are a brave face.
 * They weigh as much as a clause before a contrast (the sign-off being the last word on the matter).
 */
const SIGNED_OFF = BEFORE_CONTRAST;

/** Tokens that may follow a sign-off without being part of the post's wording: links, hashtags, @mentions. */
const trailer = (token: string): boolean => token.startsWith('#') || token.startsWith('@') || token.startsWith('http');

/** The valence of the emoticon a post ends with (before trailing links, hashtags and @mentions), if it ends with one. */
function signOff(tokens: readonly string[], words: readonly string[]): { at: number; valence: number } | null {
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (trailer(tokens[i]!)) continue;
    const valence = emoticonValence(tokens[i]!, words[i]!);
    return valence ? { at: i, valence } : null;
  }
  return null;
}

function isShouting(token: string): boolean {
  let letters = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return false;
    if (c >= 0x41 && c <= 0x5a) letters++;
  }
  return letters > 1;
}

const NONE: EnglishWord = blankWord();

/** Emoticons in the lexicon are at most six characters (":-))", "^_^"); longer tokens are words with punctuation. */
const EMOTICON_MAX = 6;

/** An emoticon or other punctuation-bearing lexicon entry (":(", "<3", ":-D") written as the whole token. */
const emoticonValence = (token: string, word: string): number | undefined =>
  token.length === word.length || token.length > EMOTICON_MAX ? undefined : englishValence(token.toLowerCase());

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
    const w = (info[i] = englishWord(words[i]!) ?? NONE);
    if (words[i]!.length > 0) lettered++;
    if (isShouting(tokens[i]!)) shouted++;
    if (w.contrast) contrastAt = i;
    if (concededFrom < 0 && CONCESSIONS.has(words[i]!)) concededFrom = i;
    else if (concededFrom >= 0 && concededTo < 0 && closesClause(tokens[i]!)) concededTo = i;
  }
  const capsMatter = shouted > 0 && shouted < lettered;
  const closing = signOff(tokens, words);

  let sum = 0;
  let asking = false;
  for (let i = 0; i < n; i++) {
    const token = tokens[i]!;
    const word = words[i]!;
    const w = info[i]!;
    let v: number | undefined;
    let rule = 'lexicon';
    if (i === 0 || closesClause(tokens[i - 1]!)) asking = endsInQuestion(tokens, i);
    const idiom = w.idioms === undefined ? undefined : idiomAt(tokens, words, i, w.idioms);
    const phrase = w.phrases?.get(words[i + 1] ?? '');
    const emoticon = emoticonValence(token, word);
    if (idiom !== undefined) {
      v = idiom.valence;
      rule = 'idiom';
      if (negated(tokens, words, info, i)) v *= v > 0 ? NEGATION_SCALAR : NEGATED_NEGATIVE;
      i += idiom.rest.length;
    } else if (phrase !== undefined && !closesClause(token)) {
      v = phrase;
      rule = 'phrase';
      i++;
    } else if (emoticon !== undefined) {
      v = emoticon;
      rule = 'emoticon';
    } else if (word === 'too' && excessive(tokens, info, i)) {
      v = TOO_EXCESS;
      rule = 'excess';
    } else if (word === 'enough' && words[i - 1] !== 'get' && negated(tokens, words, info, i)) {
      v = SHORTFALL;
      rule = 'shortfall';
    } else if (word === 'like' && !likeIsVerb(words, info, i)) {
      v = LIKE_COMPARING;
      rule = 'comparison';
    } else {
      v = w.valence;
      if (v === undefined || v === 0) continue;
      const modifies = i + 1 < n && !closesClause(token);
      // "so good", "no fun": the booster or negator is grammar here, the next word carries the sentiment
      // ("no tacos" keeps the negator's own valence: nothing else carries it).
      if (modifies && (w.booster !== undefined || isNegator(word, w)) && info[i + 1]!.valence !== undefined) continue;
      if (modifies && w.adverb === true && info[i + 1]!.valence !== undefined) continue;
      if (capsMatter && isShouting(token)) v += v > 0 ? CAPS_BOOST : -CAPS_BOOST;
      v = boosted(v, tokens, info, i);
      if (!isNegator(word, w) && negated(tokens, words, info, i)) {
        v *= v > 0 ? NEGATION_SCALAR : NEGATED_NEGATIVE;
        rule = 'negated';
      } else if (v > 0 && unreached(tokens, words, i)) {
        v *= NEGATION_SCALAR;
        rule = 'counterfactual';
      }
    }
    if (v === 0) continue;
    if (asking && v > 0) v *= ASKED;
    if (v < 0) v *= NEGATIVITY;
    else if (v < FAINT_PRAISE) v *= FAINT_WEIGHT;
    if (contrastAt >= 0) v *= i < contrastAt ? BEFORE_CONTRAST : i > contrastAt ? AFTER_CONTRAST : 1;
    if (i > concededFrom && i <= concededTo) v *= CONCEDED;
    if (closing && i !== closing.at && v * closing.valence < 0) v *= SIGNED_OFF;
    sum += v;
    const shown = rule === 'emoticon' ? token : idiom !== undefined ? [word, ...idiom.rest].join(' ') : word;
    explain?.push({ token: shown, weight: round(v), rule });
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
