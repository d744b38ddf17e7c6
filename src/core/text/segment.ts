import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { isHan } from './han.js';
import { CHINESE_STOP_WORDS } from './stopwords.js';
import { edgeOf, insertWord, kindOf, nodeOf, nodeText } from './word-trie.js';

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

const singles = new Set<number>();
let blockedSingles = 0;
let stopWordsAdded = false;

const outranks = (old: number, kind: number): boolean => RANK[kind]! > RANK[old]!;
const insert = (word: string, kind: number): void => insertWord(word, kind, outranks);

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

/** Lengths (and nodes, kinds) of the words that start at the position last walked by `wordsAt`, shortest first. */
const ends = new Int32Array(16);
const endKinds = new Uint8Array(16);
const endNodes = new Int32Array(16);
let endCount = 0;
const firsts = new Int32Array(16);
const firstKinds = new Uint8Array(16);
const firstNodes = new Int32Array(16);
/** The trie node of the word the last `matchAt` chose. */
let matchedNode = 0;

/**
 * Walks the trie from `at`, filling `ends`; returns the longest length (0 when no word starts there). A word
 * ending in a Latin letter or digit must end where the Latin word ends ("nb" is not the start of "nba").
 */
function wordsAt(text: string, at: number): number {
  let node = 0;
  endCount = 0;
  for (let i = at; i < text.length && endCount < ends.length; i++) {
    const entry = edgeOf(node, text.charCodeAt(i));
    if (entry === 0) break;
    node = nodeOf(entry);
    if (kindOf(entry) === 0) continue;
    if (isAlnum(text.charCodeAt(i)) && isAlnum(text.charCodeAt(i + 1))) continue;
    endKinds[endCount] = kindOf(entry);
    endNodes[endCount] = node;
    ends[endCount++] = i + 1 - at;
  }
  return endCount === 0 ? 0 : ends[endCount - 1]!;
}

/** The longest word at `at` (0 when none), as `wordsAt` finds it, without recording the shorter ones. */
function longestAt(text: string, at: number): number {
  let node = 0;
  let longest = 0;
  for (let i = at; i < text.length; i++) {
    const entry = edgeOf(node, text.charCodeAt(i));
    if (entry === 0) break;
    node = nodeOf(entry);
    if (kindOf(entry) !== 0 && !(isAlnum(text.charCodeAt(i)) && isAlnum(text.charCodeAt(i + 1)))) longest = i + 1 - at;
  }
  return longest;
}

/**
 * The length of the word to take at `at`, chosen over two-word chunks (MMSEG's first rules): the chunk that
 * covers the most text, then the one with fewer words, then the one whose first word is one of ours rather
 * than a blocker, then the one whose second word is longer — so 很好吃 reads 很|好吃, 真好吃 (真好 is one of jieba's
 * words) reads 真|好吃 and 强烈推荐给 reads 强烈推荐|给, while 很好， stays 很好. Its node is left in `matchedNode`.
 */
function matchAt(text: string, at: number): number {
  const longest = wordsAt(text, at);
  if (endCount <= 1) {
    matchedNode = endCount === 0 ? 0 : endNodes[0]!;
    return longest;
  }
  const count = endCount;
  for (let k = 0; k < count; k++) {
    firsts[k] = ends[k]!;
    firstKinds[k] = endKinds[k]!;
    firstNodes[k] = endNodes[k]!;
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
      matchedNode = firstNodes[k]!;
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
 * Deterministic: it depends on the dictionaries only. When `ids` is given it is emptied and receives each
 * token's word id: the trie node of a word the segmenter was taught, which names that word for good, so that
 * scoring can look it up by number (chinese.ts); 0 for any other token.
 */
export function segmentChinese(text: string, ids?: number[]): string[] {
  if (!stopWordsAdded) {
    stopWordsAdded = true;
    addChineseWords([...CHINESE_STOP_WORDS].filter((w) => isHan(w.charCodeAt(0))));
  }
  addBlockers();
  const tokens: string[] = [];
  if (ids) ids.length = 0;
  /** The token index of each stretch long enough for jieba. */
  let stretches: number[] | null = null;
  let run = -1;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const length = matchAt(text, i);
    if (length === 0 && isHan(c)) {
      if (run < 0) run = i;
      i++;
      continue;
    }
    if (run >= 0) {
      if (i - run >= JIEBA_MIN_RUN) (stretches ??= []).push(tokens.length);
      tokens.push(text.slice(run, i));
      ids?.push(0);
      run = -1;
    }
    if (length > 0) {
      tokens.push(nodeText(matchedNode, text, i, i + length));
      ids?.push(matchedNode);
      i += length;
    } else {
      let end = i + 1;
      if (isAlnum(c)) while (end < text.length && isAlnum(text.charCodeAt(end))) end++;
      else if (c >= 0xd800 && c <= 0xdbff && end < text.length) end++;
      tokens.push(text.slice(i, end));
      ids?.push(0);
      i = end;
    }
  }
  if (run >= 0) {
    if (text.length - run >= JIEBA_MIN_RUN) (stretches ??= []).push(tokens.length);
    tokens.push(text.slice(run));
    ids?.push(0);
  }
  return stretches === null ? tokens : spliceStretches(tokens, ids, stretches);
}

/** Replaces each long stretch by jieba's words (id 0, looked up by their text: none starts where a taught word does). */
function spliceStretches(tokens: string[], ids: number[] | undefined, at: number[]): string[] {
  const cut = cutStretches(at.map((k) => tokens[k]!));
  const out: string[] = [];
  const outIds: number[] = [];
  let next = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (at[next] === i) {
      for (const w of cut[next++]!) {
        out.push(w);
        outIds.push(0);
      }
    } else {
      out.push(tokens[i]!);
      outIds.push(ids?.[i] ?? 0);
    }
  }
  if (ids) {
    ids.length = 0;
    for (const id of outIds) ids.push(id);
  }
  return out;
}
