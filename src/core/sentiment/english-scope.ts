import type { Idiom } from './english-idioms.js';
import type { EnglishWord } from './english-lexicon.js';

/**
 * Where an English word stands: its clause, and the negators, boosters, counterfactuals and fixed expressions
 * around it. `tokens` are the words as written (for punctuation), `words` their bare lower-cased forms.
 */

/** VADER's reach: negators and boosters act on the three words after them within one clause. */
const SCOPE = 3;

/** Negators: listed words and any "…n't" contraction. */
export const isNegator = (word: string, info: EnglishWord): boolean => info.negator === true || word.endsWith("n't");

/** "not only … but also", "not to mention", "not just": the negator adds rather than denies. */
const NOT_A_DENIAL = new Set(['only', 'just', 'merely', 'simply']);
const addsRatherThanDenies = (words: string[], k: number): boolean =>
  NOT_A_DENIAL.has(words[k + 1]!) || (words[k + 1] === 'to' && words[k + 2] === 'mention');

/**
 * Words after which "like" is the verb ("I like", "you'll like", "would like", "to like", "really like"); elsewhere it
 * compares ("plays like a travelogue", "feels like an after-school special") and the scorer gives it only a little weight.
 */
const LIKE_SUBJECTS = new Set(
  `i you we they he she it people everyone everybody anyone who kids fans audiences viewers critics u ya y'all
    would will to do does did really also just actually might may should could definitely totally truly genuinely
    still gonna wanna sure i'd you'd we'd they'd i'll you'll we'll they'll he'll she'll`.split(/\s+/),
);

export const likeIsVerb = (words: string[], info: EnglishWord[], i: number): boolean =>
  i > 0 && (LIKE_SUBJECTS.has(words[i - 1]!) || isNegator(words[i - 1]!, info[i - 1]!));

/** True when the token closes a clause ("confused;", "great!"): negation and boosters do not reach past it. */
export function closesClause(token: string): boolean {
  const c = token.charCodeAt(token.length - 1);
  return c === 0x2e || c === 0x2c || c === 0x3b || c === 0x21 || c === 0x3f || c === 0x3a;
}

/** "amazingly dopey", "staggeringly dreadful": an adverb of a rated adjective intensifies like VADER's boosters. */
const ADVERB_BOOST = 0.293;

/** Boosters and dampeners in the three words before `i` (within its clause) push the valence away from / toward 0. */
export function boosted(v: number, tokens: string[], info: EnglishWord[], i: number): number {
  for (let back = 1; back <= SCOPE && i - back >= 0 && !closesClause(tokens[i - back]!); back++) {
    const before = info[i - back]!;
    const booster = before.booster ?? (back === 1 && before.adverb === true ? ADVERB_BOOST : undefined);
    if (booster !== undefined) v += (v > 0 ? booster : -booster) * (1 - 0.05 * (back - 1));
  }
  return v;
}

/**
 * "too long", "too tidy", "too in earnest": excess is a fault, so "too" before a word without a rating of its own
 * scores as a fault; a rated word after it scores on its own (posts say "too funny" and "too cute" and mean it).
 */
export const excessive = (tokens: string[], info: EnglishWord[], i: number): boolean =>
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
const COUNTERFACTUAL_SCOPE = 4;
const MODALS = new Set(['should', 'could', 'might']);
const PERFECT_MODALS = new Set(["should've", "could've", "might've", 'shoulda', 'coulda']);
const DEFINITE = new Set(['the', 'its', 'his', 'her', 'their', 'our', 'my', 'your']);
const NEEDING = new Set(['need', 'needs', 'needed', 'use', 'wanted', 'deserved', 'deserves']);

/**
 * Praise held out of reach: counterfactual ("should have been funnier", "could've made a great film"), aspired
 * ("wants to be profound"), wished for ("needs more wit") or the losing side of a comparison ("more dutiful than
 * enchanting") or the only thing worth praising ("the only good scene"). The writer says the quality is
 * missing, so a positive word here is read like a negated one.
 */
export function unreached(tokens: string[], words: string[], i: number): boolean {
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

/** The longest listed expression that starts at `i` and stays within one clause, if any. */
export function idiomAt(tokens: string[], words: string[], i: number, idioms: readonly Idiom[]): Idiom | undefined {
  for (const idiom of idioms) {
    const { rest } = idiom;
    let k = 0;
    while (k < rest.length && words[i + 1 + k] === rest[k] && !closesClause(tokens[i + k]!)) k++;
    if (k === rest.length) return idiom;
  }
  return undefined;
}

/** True when the clause starting at `from` ends with a question mark. */
export function endsInQuestion(tokens: string[], from: number): boolean {
  let end = from;
  while (end < tokens.length - 1 && !closesClause(tokens[end]!)) end++;
  return tokens[end]!.includes('?');
}

/** "fails to impress", "forgets to make it entertaining": what the subject did not manage is negated. */
const FAILING = new Set('fail fails failed failing unable refuses refused forgets forgot neglects neglected'.split(' '));

/** A negator ("not", "never", "didn't", "least", "far from", "fails to") in the three words before `i`, within its clause. */
export function negated(tokens: string[], words: string[], info: EnglishWord[], i: number): boolean {
  for (let back = 1; back <= SCOPE && i - back >= 0 && !closesClause(tokens[i - back]!); back++) {
    const prev = words[i - back]!;
    if (isNegator(prev, info[i - back]!) && !addsRatherThanDenies(words, i - back) && !rhetorical(tokens, words, i - back)) return true;
    if (prev === 'from' && words[i - back - 1] === 'far') return true;
    if (prev === 'to' && FAILING.has(words[i - back - 1] ?? '')) return true;
    if (prev === 'least' && words[i - back - 1] !== 'at' && words[i - back - 1] !== 'very') return true;
  }
  return false;
}
