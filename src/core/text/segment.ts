import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { isHan } from './han.js';
import { CHINESE_STOP_WORDS } from './stopwords.js';

/**
 * Chinese segmentation in two passes. A forward longest-match over goldenhour's own words (lexicon, negators,
 * degree words, emoticons, crisis terms: everything scoring reads) finds the words that matter; jieba only cuts
 * the stretches between them that are long enough to hold several unknown words (for keywords). A full jieba
 * cut cost about half of each Chinese analysis, while most of a review is made of our words, stop words and
 * short stretches between them.
 *
 * Our single-character words (好, 美, 不, 高…) also occur inside ordinary words (好像, 美国, 不同, 提高), which
 * the longest match must keep whole: jieba's dictionary words that contain one of them are added as blockers,
 * words that win the match and carry nothing.
 */
const WORD = 1;
const BLOCKER = 2;
/** A word read from the bilingual dictionary: kept whole, but our own words win a tie against it. */
const DICTIONARY = 3;
/** Which kind a trie node keeps when a word is added twice: ours over the dictionary's over a blocker. */
const RANK = [0, 3, 1, 2];
/** A jieba word this frequent or more is common enough to block (rarer entries are mostly names and terms). */
const BLOCKER_MIN_FREQUENCY = 50;
const BLOCKER_MAX_LENGTH = 4;
/**
 * Unknown stretches this long or longer go to jieba. Between our words and stop words, shorter ones are mostly
 * one word or a short noun phrase (外卖, 显示屏, 酒店门口), kept whole; cutting them too doubled the cost.
 */
const JIEBA_MIN_RUN = 5;
const RUN_SEPARATOR = '\n';

/**
 * A character trie: the root indexed by UTF-16 code, deeper nodes in one open-addressed table keyed by (parent
 * node, character). A map per node cost a fifth of each Chinese analysis in lookups scattered over the heap.
 */
const rootChild = new Int32Array(0x10000);
const kinds: number[] = [0];
/** The table: parent 0 (the root, whose children are in rootChild) marks an empty slot; grown at half full. */
let tableParent = new Int32Array(1 << 16);
let tableCode = new Uint16Array(1 << 16);
let tableChild = new Int32Array(1 << 16);
let tableUsed = 0;
const singles = new Set<number>();
let blockedSingles = 0;
let stopWordsAdded = false;

function slotOf(parent: number, code: number, mask: number): number {
  const h = Math.imul(parent ^ Math.imul(code, 0x85ebca6b), 0x9e3779b1);
  return (h ^ (h >>> 15)) & mask;
}

/** The child of `node` by character `code`, 0 when none. */
function childOf(node: number, code: number): number {
  if (node === 0) return rootChild[code]!;
  const mask = tableParent.length - 1;
  for (let s = slotOf(node, code, mask); ; s = (s + 1) & mask) {
    const parent = tableParent[s]!;
    if (parent === 0) return 0;
    if (parent === node && tableCode[s] === code) return tableChild[s]!;
  }
}

function setChild(node: number, code: number, child: number): void {
  if (node === 0) {
    rootChild[code] = child;
    return;
  }
  if (2 * (tableUsed + 1) > tableParent.length) growTable();
  const mask = tableParent.length - 1;
  let s = slotOf(node, code, mask);
  while (tableParent[s] !== 0) s = (s + 1) & mask;
  tableParent[s] = node;
  tableCode[s] = code;
  tableChild[s] = child;
  tableUsed++;
}

function growTable(): void {
  const [parents, codes, childs] = [tableParent, tableCode, tableChild];
  tableParent = new Int32Array(parents.length * 2);
  tableCode = new Uint16Array(parents.length * 2);
  tableChild = new Int32Array(parents.length * 2);
  tableUsed = 0;
  for (let s = 0; s < parents.length; s++) if (parents[s] !== 0) setChild(parents[s]!, codes[s]!, childs[s]!);
}

function insert(word: string, kind: number): void {
  let node = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    let next = childOf(node, code);
    if (next === 0) {
      next = kinds.length;
      kinds.push(0);
      setChild(node, code, next);
    }
    node = next;
  }
  if (RANK[kind]! > RANK[kinds[node]!]!) kinds[node] = kind;
}

const isAlnum = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);

/**
 * Teaches the segmenter words it must find and keep whole (lexicon entries, slang like 绝绝子, crisis terms).
 * Words from the bilingual dictionary (`source: 'dictionary'`) are kept whole too, but lose a tie to ours.
 */
export function addChineseWords(words: Iterable<string>, source: 'ours' | 'dictionary' = 'ours'): void {
  const kind = source === 'ours' ? WORD : DICTIONARY;
  for (const w of words) {
    if (w.length === 0 || /\s/.test(w)) continue;
    insert(w, kind);
    if (w.length === 1 && isHan(w.charCodeAt(0))) singles.add(w.charCodeAt(0));
  }
}

/**
 * Adds jieba's common words that contain one of our single-character words, once per new set of them. Reads
 * the dictionary text in place (`word frequency tag` lines) so that only the words kept become strings.
 */
function addBlockers(): void {
  if (blockedSingles === singles.size) return;
  blockedSingles = singles.size;
  const text = new TextDecoder().decode(dict);
  for (let line = 0; line < text.length; ) {
    const space = text.indexOf(' ', line);
    const next = text.indexOf('\n', line);
    const end = next < 0 ? text.length : next;
    if (space > line && space < end && isBlocker(text, line, space)) insert(text.slice(line, space), BLOCKER);
    line = end + 1;
  }
}

/** A jieba word of two to four Han characters, frequent enough, containing one of our single-character words. */
function isBlocker(text: string, start: number, space: number): boolean {
  const length = space - start;
  if (length < 2 || length > BLOCKER_MAX_LENGTH) return false;
  let contains = false;
  for (let i = start; i < space; i++) {
    const c = text.charCodeAt(i);
    if (!isHan(c)) return false;
    contains ||= singles.has(c);
  }
  if (!contains) return false;
  let frequency = 0;
  for (let i = space + 1; i < text.length; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) break;
    frequency = frequency * 10 + d;
  }
  return frequency >= BLOCKER_MIN_FREQUENCY;
}

/** Lengths of the words that start at the position last walked by `wordsAt`, shortest first. */
const ends = new Int32Array(16);
const endKinds = new Uint8Array(16);
let endCount = 0;
const firsts = new Int32Array(16);
const firstKinds = new Uint8Array(16);


/**
 * Walks the trie from `at`, filling `ends`; returns the longest length (0 when no word starts there). A word
 * ending in a Latin letter or digit must end where the Latin word ends ("nb" is not the start of "nba").
 */
function wordsAt(text: string, at: number): number {
  let node = 0;
  endCount = 0;
  for (let i = at; i < text.length && endCount < ends.length; i++) {
    node = childOf(node, text.charCodeAt(i));
    if (node === 0) break;
    if (kinds[node] === 0) continue;
    if (isAlnum(text.charCodeAt(i)) && isAlnum(text.charCodeAt(i + 1))) continue;
    endKinds[endCount] = kinds[node]!;
    ends[endCount++] = i + 1 - at;
  }
  return endCount === 0 ? 0 : ends[endCount - 1]!;
}

/** The longest word at `at` (0 when none), as `wordsAt` finds it, without recording the shorter ones. */
function longestAt(text: string, at: number): number {
  let node = 0;
  let longest = 0;
  for (let i = at; i < text.length; i++) {
    node = childOf(node, text.charCodeAt(i));
    if (node === 0) break;
    if (kinds[node] !== 0 && !(isAlnum(text.charCodeAt(i)) && isAlnum(text.charCodeAt(i + 1)))) longest = i + 1 - at;
  }
  return longest;
}

/**
 * The length of the word to take at `at`, chosen over two-word chunks (MMSEG's first rules): the chunk that
 * covers the most text, then the one with fewer words, then the one whose first word is one of ours rather
 * than a blocker, then the one whose second word is longer — so 很好吃 reads 很|好吃, 真好吃 (真好 is one of jieba's
 * words) reads 真|好吃 and 强烈推荐给 reads 强烈推荐|给, while 很好， stays 很好.
 */
function matchAt(text: string, at: number): number {
  const longest = wordsAt(text, at);
  if (endCount <= 1) return longest;
  const count = endCount;
  for (let k = 0; k < count; k++) {
    firsts[k] = ends[k]!;
    firstKinds[k] = endKinds[k]!;
  }
  let best = 0;
  let bestCover = -1;
  let bestSecond = 0;
  let bestOurs = 0;
  for (let k = count - 1; k >= 0; k--) {
    const first = firsts[k]!;
    const second = longestAt(text, at + first);
    const cover = first + second;
    const ours = RANK[firstKinds[k]!]!;
    const better =
      cover !== bestCover
        ? cover > bestCover
        : (second === 0) !== (bestSecond === 0)
          ? second === 0
          : ours !== bestOurs
            ? ours > bestOurs
            : second > bestSecond;
    if (better) {
      best = first;
      bestCover = cover;
      bestSecond = second;
      bestOurs = ours;
    }
  }
  return best;
}

let jieba: Jieba | undefined;

/** Cuts the long unknown stretches with jieba in one call; returns the words of each stretch in order. */
function cutStretches(stretches: string[]): string[][] {
  jieba ??= Jieba.withDict(dict);
  const words = jieba.cut(stretches.join(RUN_SEPARATOR), false);
  const cut: string[][] = [[]];
  for (const w of words) {
    if (w === RUN_SEPARATOR) cut.push([]);
    else cut[cut.length - 1]!.push(w);
  }
  return cut;
}

/**
 * Splits Chinese (or mixed) text into words: our words by longest match, Latin words and numbers whole, other
 * characters one by one, and unknown Han stretches whole (one or two characters) or cut by jieba (longer).
 * Deterministic: it depends on the dictionaries only.
 */
export function segmentChinese(text: string): string[] {
  if (!stopWordsAdded) {
    stopWordsAdded = true;
    addChineseWords([...CHINESE_STOP_WORDS].filter((w) => isHan(w.charCodeAt(0))));
  }
  addBlockers();
  const tokens: string[] = [];
  const stretches: string[] = [];
  const stretchAt: number[] = [];
  let run = -1;
  const endRun = (end: number): void => {
    if (run < 0) return;
    if (end - run >= JIEBA_MIN_RUN) {
      stretchAt.push(tokens.length);
      stretches.push(text.slice(run, end));
    }
    tokens.push(text.slice(run, end));
    run = -1;
  };
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const length = matchAt(text, i);
    if (length > 0) {
      endRun(i);
      tokens.push(text.slice(i, i + length));
      i += length;
    } else if (isHan(c)) {
      if (run < 0) run = i;
      i++;
    } else {
      endRun(i);
      let end = i + 1;
      if (isAlnum(c)) while (end < text.length && isAlnum(text.charCodeAt(end))) end++;
      else if (c >= 0xd800 && c <= 0xdbff && end < text.length) end++;
      tokens.push(text.slice(i, end));
      i = end;
    }
  }
  endRun(text.length);
  return stretches.length === 0 ? tokens : spliceStretches(tokens, stretchAt, cutStretches(stretches));
}

function spliceStretches(tokens: string[], at: number[], cut: string[][]): string[] {
  const out: string[] = [];
  let next = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (at[next] === i) out.push(...cut[next++]!);
    else out.push(tokens[i]!);
  }
  return out;
}
