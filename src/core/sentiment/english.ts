import type { EnglishTokens } from '../text/english-tokens.js';
import type { Contribution } from './types.js';
import type { Idiom } from './english-idioms.js';
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

/** "not only … but also", "not to mention", "not just": the negator adds rather than denies. */
const NOT_A_DENIAL = new Set(['only', 'just', 'merely', 'simply']);
const addsRatherThanDenies = (words: string[], k: number): boolean =>
  NOT_A_DENIAL.has(words[k + 1]!) || (words[k + 1] === 'to' && words[k + 2] === 'mention');

/**
 * Words after which "like" is the verb ("I like", "you'll like", "would like", "to like", "really like"); elsewhere it
 * compares ("plays like a travelogue", "feels like an after-school special") and scores LIKE_COMPARING.
 */
const LIKE_SUBJECTS = new Set(
  `i you we they he she it people everyone everybody anyone who kids fans audiences viewers critics u ya y'all
    would will to do does did really also just actually might may should could definitely totally truly genuinely
    still gonna wanna sure i'd you'd we'd they'd i'll you'll we'll they'll he'll she'll`.split(/\s+/),
);
/** A comparing "like" keeps a little of the verb's warmth: "sounds like a party" still leans positive. */
const LIKE_COMPARING = 0.4;
const likeIsVerb = (words: string[], info: EnglishWord[], i: number): boolean =>
  i > 0 && (LIKE_SUBJECTS.has(words[i - 1]!) || isNegator(words[i - 1]!, info[i - 1]!));

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
    const before = info[i - back]!;
    const booster = before.booster ?? (back === 1 && before.adverb === true ? ADVERB_BOOST : undefined);
    if (booster !== undefined) v += (v > 0 ? booster : -booster) * (1 - 0.05 * (back - 1));
  }
  return v;
}

/** "amazingly dopey", "staggeringly dreadful": an adverb of a rated adjective intensifies like VADER's boosters. */
const ADVERB_BOOST = 0.293;

/**
 * "too long", "too tidy", "too in earnest": excess is a fault, so "too" before a word without a rating of its own
 * scores TOO_EXCESS; a rated word after it scores on its own (posts say "too funny" and "too cute" and mean it).
 */
const excessive = (tokens: string[], info: EnglishWord[], i: number): boolean =>
  i + 1 < tokens.length && !closesClause(tokens[i]!) && (info[i + 1]!.valence ?? 0) === 0;

/** "Isn't it great?", "Wouldn't that be nice?!": a question opened by a negated auxiliary asserts, it does not deny. */
function rhetorical(tokens: string[], words: string[], k: number): boolean {
  if (!words[k]!.endsWith("n't") || (k > 0 && !closesClause(tokens[k - 1]!))) return false;
  let end = k;
  while (end < tokens.length - 1 && !closesClause(tokens[end]!)) end++;
  return tokens[end]!.includes('?');
}

/** Verbs of aspiration: "wants to be clever", "tries to be hip", "meant to be funny" hold the praise out, unreached. */
const ASPIRING = new Set(
  'want wants wanted wanting try tries tried trying aim aims aimed attempts pretends pretending supposed meant hopes hoping strives straining'.split(' '),
);
const MODALS = new Set(['should', 'could', 'might']);
const PERFECT_MODALS = new Set(["should've", "could've", "might've", 'shoulda', 'coulda']);
const DEFINITE = new Set(['the', 'its', 'his', 'her', 'their', 'our', 'my', 'your']);
const NEEDING = new Set(['need', 'needs', 'needed', 'use', 'wanted', 'deserved', 'deserves']);

/**
 * Praise held out of reach: counterfactual ("should have been funnier", "could've made a great film"), aspired
 * ("wants to be profound"), wished for ("needs more wit") or the losing side of a comparison ("more dutiful than
 * enchanting") or the only thing worth praising ("the only good scene"). The writer says the quality is missing, so a positive word here is read like a negated one.
 */
function unreached(tokens: string[], words: string[], i: number): boolean {
  for (let back = 1; back <= COUNTERFACTUAL_SCOPE && i - back >= 1 && !closesClause(tokens[i - back]!); back++) {
    const at = i - back;
    const w = words[at]!;
    if ((w === 'have' && MODALS.has(words[at - 1]!)) || PERFECT_MODALS.has(w)) return true;
    if (w === 'more' && NEEDING.has(words[at - 1]!)) return true;
    if (w === 'than' && back <= 2) return true;
    if (w === 'only' && back <= 2 && DEFINITE.has(words[at - 1] ?? '')) return true;
    if (w === 'be' && words[at - 1] === 'to' && ASPIRING.has(words[at - 2] ?? '')) return true;
  }
  return false;
}
const COUNTERFACTUAL_SCOPE = 4;

/** The longest listed expression that starts at `i` and stays within one clause, if any. */
function idiomAt(tokens: string[], words: string[], i: number, idioms: readonly Idiom[]): Idiom | undefined {
  for (const idiom of idioms) {
    const { rest } = idiom;
    let k = 0;
    while (k < rest.length && words[i + 1 + k] === rest[k] && !closesClause(tokens[i + k]!)) k++;
    if (k === rest.length) return idiom;
  }
  return undefined;
}

const FAILING = new Set('fail fails failed failing unable refuses refused forgets forgot neglects neglected'.split(' '));

/** "Is it funny? Sometimes.": praise inside a question is asked about, not asserted (SO-CAL ignores it; we halve it). */
const ASKED = 0.5;
function endsInQuestion(tokens: string[], from: number): boolean {
  let end = from;
  while (end < tokens.length - 1 && !closesClause(tokens[end]!)) end++;
  return tokens[end]!.includes('?');
}

/** A negator ("not", "never", "didn't", "least") in the three words before `i`, within its clause. */
function negated(tokens: string[], words: string[], info: EnglishWord[], i: number): boolean {
  for (let back = 1; back <= SCOPE && i - back >= 0 && !closesClause(tokens[i - back]!); back++) {
    const prev = words[i - back]!;
    if (isNegator(prev, info[i - back]!) && !addsRatherThanDenies(words, i - back) && !rhetorical(tokens, words, i - back)) return true;
    if (prev === 'from' && words[i - back - 1] === 'far') return true;
    if (prev === 'to' && FAILING.has(words[i - back - 1] ?? '')) return true;
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
