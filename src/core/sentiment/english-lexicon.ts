import { createRequire } from 'node:module';
import { lexicon as vaderLexicon } from 'vader-sentiment/src/vader_lexicon.js';

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

/** Complaint and praise language common in brand mentions that neither source rates (or rates too mildly). */
const COMPLAINTS: Record<string, string> = {
  '-2.5': `scam scammed scammers ripoff rip-off overpriced refund refunds unresponsive rude broken defective faulty
    unusable disgusting inedible stale moldy mouldy rotten expired spoiled undercooked raw soggy lukewarm cold
    counterfeit fake knockoff unsafe recall recalled lawsuit poisoning sick vomiting diarrhea leaked breach
    hacked stolen missing lost delayed late cancelled canceled unacceptable incompetent useless worthless
    garbage trash junk crap crappy sucks sucked meh mediocre disappointing disappointed disappointment
    nightmare unreliable overcharged overcharge charged ignored waited waiting never-again 1-star one-star
    dead died fail fails failed failing`,
  '2.5': `recommend recommended recommending must-have 5-star five-star flawless reliable fast quick prompt
    delicious tasty yummy fresh friendly helpful courteous responsive affordable worth`,
};

/** Two-word phrases scored as one unit; the second word then contributes nothing on its own. */
export const ENGLISH_PHRASES: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map([
  ['never', new Map([['again', -2.5]])],
  ['waste', new Map([['of', -2.5]])],
  ['rip', new Map([['off', -2.5]])],
  ['not', new Map([['worth', -2], ['recommended', -2], ['bad', 1.5]])],
  ['no', new Map([['problem', 1.5], ['problems', 1.5], ['doubt', 1], ['thanks', -1], ['way', -1]])],
  ['stopped', new Map([['working', -2.5]])],
  ['does', new Map([['not', -0.5]])],
  ['customer', new Map([['service', -0.3]])],
  ['wrong', new Map([['order', -2.5], ['item', -2.5]])],
  ['highly', new Map([['recommend', 3], ['recommended', 3]])],
  ['cut', new Map([['corners', -2]])],
  ['fell', new Map([['apart', -2.5]])],
  ['falls', new Map([['apart', -2.5], ['flat', -2]])],
  ['the', new Map([['shit', 3], ['bomb', 3]])],
  ['kind', new Map([['of', 0]])],
  ['sort', new Map([['of', 0]])],
  ['yeah', new Map([['right', -1.5]])],
  ['bad', new Map([['ass', 1.5]])],
]);

function build(): Map<string, number> {
  const pattern = require('natural/lib/natural/sentiment/English/pattern-sentiment-en.json') as Record<string, PatternEntry>;
  const out = new Map<string, number>();
  for (const [word, entry] of Object.entries(pattern)) {
    const polarity = Number(entry.polarity);
    if (Math.abs(polarity) >= 0.1 && !word.includes(' ')) out.set(word, polarity * PATTERN_SCALE);
  }
  for (const [word, valence] of Object.entries(vaderLexicon)) out.set(word, valence);
  for (const [weight, words] of Object.entries(COMPLAINTS)) {
    for (const word of words.split(/\s+/)) if (word) out.set(word, Number(weight));
  }
  return out;
}

/** Lower-cased word or emoticon → valence on −4..+4. */
export const ENGLISH_VALENCE: ReadonlyMap<string, number> = build();

/** Words that scale the next sentiment word (VADER's booster idea with goldenhour's list). */
export const ENGLISH_BOOSTERS: ReadonlyMap<string, number> = new Map([
  ...`absolutely amazingly awfully completely considerably decidedly deeply effing enormously entirely especially
    exceptionally extremely fabulously flipping flippin fricking frickin frigging friggin fully fucking greatly hella
    highly hugely incredibly intensely majorly more most particularly purely quite really remarkably so substantially
    thoroughly totally tremendously uber unbelievably unusually utterly very super sooo soooo truly seriously
    insanely`
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
    nobody uh-uh`.split(/\s+/).filter(Boolean),
);

/** Words after which the rest of the sentence outweighs what came before. */
export const ENGLISH_CONTRAST: ReadonlySet<string> = new Set(['but', 'however', 'nevertheless']);
