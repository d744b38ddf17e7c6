import type { EnglishTokens } from '../text/english-tokens.js';
import type { Contribution } from './types.js';
import { ENGLISH_BOOSTERS, ENGLISH_CONTRAST, ENGLISH_NEGATORS, ENGLISH_PHRASES, ENGLISH_VALENCE } from './english-lexicon.js';

/** VADER's empirically derived constants: negation scales by −0.74, a booster or ALL-CAPS adds ≈0.29 / 0.73. */
const NEGATION_SCALAR = -0.74;
const CAPS_BOOST = 0.733;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
const EXCLAMATION_BOOST = 0.292;
const QUESTION_BOOST = 0.18;
const NEGATION_SCOPE = 3;

function isShouting(token: string): boolean {
  let letters = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return false;
    if (c >= 0x41 && c <= 0x5a) letters++;
  }
  return letters > 1;
}

const isNegator = (word: string): boolean => ENGLISH_NEGATORS.has(word) || word.endsWith("n't");

/** Looks a word up, then its plain form for regular inflections the lexicon lacks ("ruined" → "ruin"). */
function valenceOf(raw: string, word: string): number | undefined {
  const direct = ENGLISH_VALENCE.get(raw) ?? ENGLISH_VALENCE.get(word);
  if (direct !== undefined || word.length < 5) return direct;
  if (word.endsWith('s')) return ENGLISH_VALENCE.get(word.slice(0, -1));
  if (word.endsWith('ly')) return ENGLISH_VALENCE.get(word.slice(0, -2));
  return undefined;
}

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
 * Scores English text the VADER way (lexicon valence, negation within three words, boosters and dampeners,
 * ALL-CAPS, "but" contrast, "!"), with goldenhour's phrase list and complaint vocabulary on top.
 * Returns the unnormalised sum; `explain`, when given, receives every token that moved it.
 */
export function scoreEnglish(text: string, { tokens, words }: EnglishTokens, explain: Contribution[] | null): number {
  const n = tokens.length;
  let shouted = 0;
  let lettered = 0;
  for (let i = 0; i < n; i++) {
    if (words[i]!.length > 0) lettered++;
    if (isShouting(tokens[i]!)) shouted++;
  }
  const capsMatter = shouted > 0 && shouted < lettered;
  let contrastAt = -1;
  for (let i = 0; i < n; i++) if (ENGLISH_CONTRAST.has(words[i]!)) contrastAt = i;

  let sum = 0;
  let skipNext = false;
  for (let i = 0; i < n; i++) {
    if (skipNext) {
      skipNext = false;
      continue;
    }
    const word = words[i]!;
    if (word.length === 0 && tokens[i]!.length === 0) continue;
    let valence: number | undefined;
    let rule = 'lexicon';
    const phrase = ENGLISH_PHRASES.get(word)?.get(words[i + 1] ?? '');
    if (phrase !== undefined) {
      valence = phrase;
      rule = 'phrase';
      skipNext = true;
    } else {
      if (ENGLISH_BOOSTERS.has(word) && i + 1 < n && valenceOf(tokens[i + 1]!.toLowerCase(), words[i + 1]!) !== undefined) continue;
      valence = valenceOf(tokens[i]!.toLowerCase(), word);
    }
    if (valence === undefined || valence === 0) continue;

    let v = valence;
    if (capsMatter && isShouting(tokens[i]!)) v += v > 0 ? CAPS_BOOST : -CAPS_BOOST;
    for (let back = 1; back <= NEGATION_SCOPE && i - back >= 0; back++) {
      const booster = ENGLISH_BOOSTERS.get(words[i - back]!);
      if (booster !== undefined) v += (v > 0 ? booster : -booster) * (1 - 0.05 * (back - 1));
    }
    if (rule !== 'phrase') {
      for (let back = 1; back <= NEGATION_SCOPE && i - back >= 0; back++) {
        const prev = words[i - back]!;
        if (isNegator(prev)) {
          v *= NEGATION_SCALAR;
          rule = 'negated';
          break;
        }
        if (prev === 'least' && words[i - back - 1] !== 'at' && words[i - back - 1] !== 'very') {
          v *= NEGATION_SCALAR;
          rule = 'negated';
          break;
        }
      }
    }
    if (contrastAt >= 0) v *= i < contrastAt ? BEFORE_CONTRAST : i > contrastAt ? AFTER_CONTRAST : 1;
    sum += v;
    explain?.push({ token: word || tokens[i]!, weight: round(v), rule });
  }

  if (sum !== 0) {
    const emphasis = punctuationEmphasis(text);
    if (emphasis > 0) {
      sum += sum > 0 ? emphasis : -emphasis;
      explain?.push({ token: '!', weight: round(sum > 0 ? emphasis : -emphasis), rule: 'emphasis' });
    }
  }
  return sum;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
