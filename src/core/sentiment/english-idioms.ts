/**
 * Multi-word expressions of verdict common in reviews, editorials and complaints, written by goldenhour (VADER
 * rates single words; "falls short" or "leaves a lot to be desired" carry no rated word, "let down" reads as
 * "down"). Valence on VADER's −4..+4. Compound adjectives are also listed hyphenated ("half-baked").
 */
const IDIOMS: Record<string, string> = {
  '-2.5': `leaves a lot to be desired | leaves much to be desired | left a lot to be desired | thumbs down | dead on arrival
    | waste of money | third rate | too little too late | bored to tears | lowest common denominator | straight to video
    | direct to video | less than the sum of its parts`,
  '-2': `let down | lets down | let me down | falls short | fall short | fell short | falling short | fell flat | fall flat
    | misses the mark | missed the mark | miss the mark | runs out of steam | ran out of steam | goes nowhere | went nowhere
    | going nowhere | through the motions | phoned in | phoning it in | fell asleep | falls asleep | fall asleep
    | nothing to write home about | second rate | ill conceived | mean spirited | a far cry from | overstays its welcome
    | outstays its welcome | wears out its welcome | a chore | a snooze`,
  '-1.5': `wears thin | wore thin | gets old | got old | nothing new | nothing special | by the numbers | paint by numbers
    | run of the mill | heavy handed | half baked | ham fisted | self indulgent | self important | out of touch
    | nothing more than | little more than | drags on | bogged down | cookie cutter | plot holes | out of ideas`,
  '-1': `at best | hit or miss | hit and miss | rough around the edges | on the nose | by the book | no more than`,
  '1.5': `guilty pleasure | stands out | hits home | grabs you`,
  '2': `thumbs up | worth seeing | worth watching | worth the wait | worth the price | worth every penny | a cut above
    | edge of your seat | edge of my seat | hats off | spot on | can't go wrong | cant go wrong | what's not to like
    | well made | well acted | well written | well crafted | well done | feel good | at its best | keeps you guessing
    | holds your attention | hits the mark | pays off | comes alive | rings true | hard to beat | tough to beat`,
  '2.5': `must see | well worth | blown away | laugh out loud | first rate | top notch | a breath of fresh air`,
  '3': `tour de force | second to none | five stars`,
};

/** The words after the first, and the valence, of each expression that starts with a given word. */
export interface Idiom {
  rest: readonly string[];
  valence: number;
}

function build(): { idioms: Map<string, Idiom[]>; compounds: Map<string, number> } {
  const idioms = new Map<string, Idiom[]>();
  const compounds = new Map<string, number>();
  for (const [weight, list] of Object.entries(IDIOMS)) {
    for (const phrase of list.split('|')) {
      const [first, ...rest] = phrase.trim().split(/\s+/);
      const valence = Number(weight);
      idioms.set(first!, [...(idioms.get(first!) ?? []), { rest, valence }]);
      if (rest.length <= 2) compounds.set([first, ...rest].join('-'), valence);
    }
  }
  // Longest first, so "leaves a lot to be desired" is tried before anything shorter that starts the same way.
  for (const list of idioms.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  return { idioms, compounds };
}

const built = build();

/** First word → the expressions that start with it. */
export const ENGLISH_IDIOMS: ReadonlyMap<string, readonly Idiom[]> = built.idioms;
/** Hyphenated compounds ("half-baked", "must-see") → valence, for the word lexicon. */
export const ENGLISH_COMPOUNDS: ReadonlyMap<string, number> = built.compounds;
