import { CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS } from './stopwords.js';

const MAX_KEYWORDS = 5;

const isHan = (c: number): boolean => c >= 0x3400 && c <= 0x9fff;
const isAsciiLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/** Reused between calls (cleared first): counting is the hot path of every analysis. */
const counts = new Map<string, number>();

/** A keyword candidate: Chinese words of two or more characters, or Latin words of three or more letters. */
function isCandidate(word: string): boolean {
  const first = word.charCodeAt(0);
  if (isHan(first)) {
    if (word.length < 2) return false;
    for (let i = 1; i < word.length; i++) if (!isHan(word.charCodeAt(i))) return false;
    return !CHINESE_STOP_WORDS.has(word);
  }
  if (!isAsciiLetter(first) || word.length < 3 || word.length > 30) return false;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!isAsciiLetter(c) && c !== 0x2d && c !== 0x27) return false;
  }
  return !ENGLISH_STOP_WORDS.has(word) && !word.startsWith('http');
}

/**
 * The salient terms of a text for topic counting: stop words dropped, lower-cased, de-duplicated,
 * most frequent first (first occurrence breaks ties), at most five.
 * `words` are already segmented (jieba output or English bare words); `skip` excludes function words
 * such as negators and degree adverbs.
 */
export function extractKeywords(words: readonly string[], skip?: (word: string) => boolean): string[] {
  counts.clear();
  for (const raw of words) {
    if (raw.length === 0) continue;
    const word = isAsciiLetter(raw.charCodeAt(0)) ? raw.toLowerCase() : raw;
    if (!isCandidate(word) || skip?.(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  if (counts.size <= MAX_KEYWORDS) return [...counts.keys()];
  const order = [...counts.keys()];
  return order
    .map((word, index) => ({ word, index, count: counts.get(word)! }))
    .sort((a, b) => b.count - a.count || a.index - b.index)
    .slice(0, MAX_KEYWORDS)
    .map((k) => k.word);
}
