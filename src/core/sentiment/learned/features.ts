import { readCues } from '../chinese.js';
import { keptCueKeys } from '../cues.js';
import type { Analysis } from '../types.js';

/**
 * Hashed features of a text for the learned layer: character uni- and bigrams for Chinese (no segmenter, so
 * new slang and product names count from their first label), lower-cased word uni- and bigrams for other
 * languages, and the rule engine's verdict. Feature strings are never built on the fast path: each n-gram is
 * hashed straight from the character codes into a fixed table (HASH_BITS says how large, and why).
 * Each slot counts once per text (presence, not counts: a review repeating "好" is not twice as positive;
 * measured better or equal on all three Chinese sets by cross-validation inside their training parts).
 * Chinese texts also give the rules' cues (src/core/sentiment/cues.ts): each word the segmenter cut, and
 * each sentiment word the rules weighed with the sign it ended with and, apart, the rule with that sign
 * ("negated, −"). With them held-out accuracy rose on all three Chinese development sets (README, learning
 * curves). Trigrams, word bigrams, a negation-scope mark and bins of the rule score gained nothing beyond
 * noise (±0.003), so they are left out.
 */

/**
 * How a model hashes: its table size (2^bits slots) and whether Chinese texts give the rules' cues. Each model
 * keeps the layout it was learnt with, so a stored model scores and learns on as it did.
 */
export interface Layout {
  bits: number;
  cues: boolean;
  /** Longest character n-gram of Chinese texts: 2, or 3 when the model's own labels chose it (choose.ts). */
  order: 2 | 3;
}
/**
 * New models hash into 2^19 slots. Weibo posts are long and varied: 7,500 of them give more distinct character
 * bigrams and words than 2^18 slots hold apart, and the doubled table gained on Weibo in every repetition of
 * cross-validation inside the training part (+0.0014 mean, three fold draws) and lost on no set (README).
 */
export const HASH_BITS = 19;
/**
 * The table of a model with character trigrams (choose.ts): they more than double the distinct n-grams (ChnSentiCorp's
 * 9,600 reviews touch 370k of 2^19 slots, 480k of 2^20), and in 2^19 slots their collisions cost the held-out
 * accuracy they gained (README).
 */
export const TRIGRAM_HASH_BITS = 20;
/** The table of the models learnt before the larger one (model JSON versions 2 and 3). */
export const OLD_HASH_BITS = 18;

/** The features of one text: table slots (a slot may repeat) and, when explaining, the n-gram of each slot. */
export interface Features {
  slots: Int32Array;
  /** The table's last slot (2^bits − 1): every slot is a mixed hash masked by it. */
  mask: number;
  count: number;
  /** atanh of the rule score: the rules' verdict on the logit scale (a rule score r maps back to r exactly). */
  rule: number;
  names: string[] | null;
}

/** murmur3's finaliser: spreads a 32-bit value over the table (the caller masks it to the table's size). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const UNI = 0x3c6ef372;
const BI = 0x5bd1e995;
const TRI = 0x165667b1;
const RULE = 0x27d4eb2f;

let scratch = new Int32Array(1024);
/**
 * The slots already pushed for the text being read, so that each counts once: a small open-addressed set (keyed
 * by the slot's low bits, entries valid while their stamp is the text's; cleared only when stamps wrap), grown to
 * stay at most half full. It stays in the first-level cache, where a byte per table slot (512 KB) missed it on
 * most probes and cost the layer a fifth of its time.
 */
let seenSlots = new Int32Array(4096);
let seenStamps = new Uint8Array(4096);
let stamp = 0;

/** Marks `slot` seen for this text; false when it already was. */
function firstSighting(slot: number): boolean {
  const mask = seenSlots.length - 1;
  let i = slot & mask;
  while (seenStamps[i] === stamp) {
    if (seenSlots[i] === slot) return false;
    i = (i + 1) & mask;
  }
  seenStamps[i] = stamp;
  seenSlots[i] = slot;
  return true;
}

/** Doubles the seen set, keeping this text's slots (the first `count` of `slots`). */
function growSeen(slots: Int32Array, count: number): void {
  seenSlots = new Int32Array(seenSlots.length * 2);
  seenStamps = new Uint8Array(seenStamps.length * 2);
  for (let i = 0; i < count; i++) firstSighting(slots[i]!);
}

function push(f: Features, hash: number, name: string | null): void {
  const slot = hash & f.mask;
  if (!firstSighting(slot)) return;
  if (f.count === f.slots.length) {
    const grown = new Int32Array(f.slots.length * 2);
    grown.set(f.slots);
    f.slots = grown;
    if (f.slots.length > scratch.length) scratch = grown;
  }
  f.slots[f.count++] = slot;
  if (name !== null) f.names!.push(name);
  if (2 * f.count > seenSlots.length) growSeen(f.slots, f.count);
}

const isSpace = (c: number): boolean => c <= 32 || c === 0x3000;
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

function chineseGrams(text: string, f: Features, trigrams: boolean): void {
  let prev = -1;
  let prev2 = -1;
  for (let i = 0; i < text.length; i++) {
    const c = lower(text.charCodeAt(i));
    if (isSpace(c)) {
      prev = prev2 = -1;
      continue;
    }
    push(f, mix(c ^ UNI), f.names ? text[i]! : null);
    if (prev >= 0) push(f, mix(Math.imul(prev, BI) ^ c), f.names ? text.slice(i - 1, i + 1) : null);
    if (trigrams && prev2 >= 0) push(f, mix(Math.imul(Math.imul(prev2, TRI) ^ prev, BI) ^ c ^ TRI), f.names ? text.slice(i - 2, i + 1) : null);
    prev2 = prev;
    prev = c;
  }
}

/** The rules' cues (src/core/sentiment/cues.ts): those the analyser kept, or read again with their names when explaining. */
function cueFeatures(text: string, analysis: Analysis, f: Features): void {
  if (f.names) {
    const sink = readCues(text, true);
    sink.keys.forEach((key, i) => push(f, mix(key), sink.names![i]!));
  } else {
    for (const key of keptCueKeys(analysis) ?? readCues(text, false).keys) push(f, mix(key), null);
  }
}

/** Letters, digits and apostrophes make words; `!` and `?` count as words of their own; the rest separates. */
const wordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || c > 127;

function englishGrams(text: string, f: Features): void {
  let prevWord = 0;
  let prevName = '';
  let h = 0x811c9dc5;
  let start = -1;
  const endWord = (end: number): void => {
    const name = f.names ? text.slice(start, end).toLowerCase() : null;
    push(f, mix(h ^ UNI), name);
    if (prevWord !== 0) push(f, mix(Math.imul(prevWord, BI) ^ h), name === null ? null : `${prevName} ${name}`);
    prevWord = h | 1;
    prevName = name ?? '';
    h = 0x811c9dc5;
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = lower(text.charCodeAt(i));
    if (wordChar(c)) {
      if (start < 0) start = i;
      h = Math.imul(h ^ c, 16777619);
    } else {
      if (start >= 0) endWord(i);
      if (c === 33 || c === 63) {
        start = i;
        h = Math.imul(h ^ c, 16777619);
        endWord(i + 1);
      }
    }
  }
  if (start >= 0) endWord(text.length);
}

/** The rules' verdict as features: their score on the logit scale, its sign, and the crisis categories hit. */
function ruleFeatures(analysis: Analysis, f: Features): void {
  const r = Math.max(-0.999, Math.min(0.999, analysis.score));
  f.rule = Math.atanh(r);
  const verdict = analysis.label === 'positive' ? 1 : analysis.label === 'negative' ? 2 : 3;
  push(f, mix(RULE ^ verdict), f.names ? `rules:${analysis.label}` : null);
  for (const hit of analysis.crisis) {
    let h = RULE;
    for (let i = 0; i < hit.category.length; i++) h = Math.imul(h ^ hit.category.charCodeAt(i), 16777619);
    push(f, mix(h), f.names ? `crisis:${hit.category}` : null);
  }
}

/**
 * The features of `text` given the rules' analysis of it. The slot array is shared scratch space, valid
 * until the next call (the fast path allocates nothing per text); `explain` also records each slot's n-gram.
 * The layout is the model's: a model learnt before the rules' cues (model JSON version 2) gets none.
 */
export function featuresOf(text: string, analysis: Analysis, layout: Layout, explain = false): Features {
  const f: Features = { slots: scratch, mask: (1 << layout.bits) - 1, count: 0, rule: 0, names: explain ? [] : null };
  if (++stamp === 256) {
    seenStamps.fill(0);
    stamp = 1;
  }
  if (analysis.lang === 'zh') {
    chineseGrams(text, f, layout.order === 3);
    if (layout.cues) cueFeatures(text, analysis, f);
  } else englishGrams(text, f);
  ruleFeatures(analysis, f);
  return f;
}
