/**
 * Chinese sentiment words read through a bilingual dictionary: each CC-CEDICT entry's English senses are
 * rated with the English lexicon (VADER, then AFINN, Pattern and SentiCon), and a word whose senses lean
 * clearly one way gets that lean, scaled down, as a fallback valence. This reaches the long tail our
 * hand-written lexicon cannot (一塌糊涂 "in a complete mess", 美不胜收 "so beautiful one cannot take it all in",
 * 辱骂 "to insult, to abuse") without any training data.
 *
 * Pure: the dictionary text comes in as an argument (chinese-lexicon.ts reads it from the `@nlpjs/lang-zh`
 * package when the first Chinese text is analysed; it is never copied into the project).
 */

import { isHan } from '../text/han.js';

/** A sense must rate this strongly on average (VADER's −4..+4 scale) for the word to count. */
export const DICTIONARY_MIN_MEAN = 1;
/** A dictionary word counts half as much as a hand-rated one: senses are translations, not ratings. */
export const DICTIONARY_WEIGHT = 0.5;
const MIN_LENGTH = 2;
const MAX_LENGTH = 4;
/** One sense rates at most this much, however many rated words its gloss holds. */
const SENSE_CAP = 4;
/** "not", "no", … inside a sense turn the rated words after them ("not good" is bad), a little softened. */
const GLOSS_NEGATION = -0.7;
const GLOSS_NEGATORS: ReadonlySet<string> = new Set(['not', 'no', 'never', 'without', 'lacking', 'lack', 'non']);
/**
 * English words the lexicon rates in one sense while glosses use them in another, neutral one: "a kind of"
 * (一种), "to the right" (右手), "like this" (那样), "well" (水井), "party" (党), "a city block" (街区).
 */
const GLOSS_HOMOGRAPHS: ReadonlySet<string> = new Set(
  ['kind', 'sort', 'type', 'like', 'well', 'right', 'left', 'mean', 'pretty', 'fine', 'free', 'party', 'block'],
);
/**
 * Senses that say nothing of the word's meaning: measure words, cross-references, variants, surnames,
 * abbreviations. A sense starting with a capital letter names a person, place or title ("Happy Valley").
 */
const SKIPPED_SENSE = /^(CL:|see |see also |variant of |old variant of |used in |surname |abbr\. |erhua variant |[A-Z])/;
/** `Traditional Simplified [pin1 yin1] /sense/sense/` */
const ENTRY = /^\S+ (\S+) \[[^\]]*\] \/(.*)\/\s*$/;

/**
 * Rates each Han word of two to four characters from its dictionary senses. Entries repeated under another
 * reading add their senses to the same word. Returns only the words whose mean sense rating reaches
 * `DICTIONARY_MIN_MEAN`, already scaled by `DICTIONARY_WEIGHT`.
 */
export function rateDictionary(cedict: string, valence: ReadonlyMap<string, number>): Map<string, number> {
  const totals = new Map<string, { sum: number; senses: number }>();
  // Walks the text in place: entries whose word does not qualify (16 % of CC-CEDICT) never become strings.
  for (let start = 0; start < cedict.length; ) {
    const newline = cedict.indexOf('\n', start);
    const end = newline < 0 ? cedict.length : newline;
    const line = start;
    start = end + 1;
    const first = cedict.indexOf(' ', line);
    const second = first < 0 ? -1 : cedict.indexOf(' ', first + 1);
    if (cedict.charCodeAt(line) === 0x23 || second < 0 || second > end || !isHanWord(cedict, first + 1, second)) continue;
    const entry = ENTRY.exec(cedict.slice(line, end));
    if (!entry) continue;
    const word = entry[1]!;
    const senses = entry[2]!.split('/').filter((s) => s.length > 0 && !SKIPPED_SENSE.test(s));
    if (senses.length === 0) continue;
    let sum = 0;
    for (const sense of senses) sum += rateSense(sense, valence);
    const total = totals.get(word);
    if (total) {
      total.sum += sum;
      total.senses += senses.length;
    } else {
      totals.set(word, { sum, senses: senses.length });
    }
  }
  const rated = new Map<string, number>();
  for (const [word, { sum, senses }] of totals) {
    const mean = sum / senses;
    if (Math.abs(mean) >= DICTIONARY_MIN_MEAN) rated.set(word, Math.round(mean * DICTIONARY_WEIGHT * 1000) / 1000);
  }
  return rated;
}

/** Two to four Han characters between `from` and `to`. */
function isHanWord(text: string, from: number, to: number): boolean {
  const length = to - from;
  if (length < MIN_LENGTH || length > MAX_LENGTH) return false;
  for (let i = from; i < to; i++) if (!isHan(text.charCodeAt(i))) return false;
  return true;
}

/** The summed valence of a sense's words, with "not"/"no" turning what follows; bracketed notes are skipped. */
export function rateSense(sense: string, valence: ReadonlyMap<string, number>): number {
  const words = sense
    .replace(/\([^)]*\)/g, ' ')
    .toLowerCase()
    .split(/[^a-z'-]+/);
  let sum = 0;
  let negated = false;
  for (const word of words) {
    if (word.length === 0 || GLOSS_HOMOGRAPHS.has(word)) continue;
    if (GLOSS_NEGATORS.has(word)) {
      negated = true;
      continue;
    }
    const v = valence.get(word);
    if (v) sum += negated ? v * GLOSS_NEGATION : v;
  }
  return Math.max(-SENSE_CAP, Math.min(SENSE_CAP, sum));
}
