import { isHan } from './han.js';
import { CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS } from './stopwords.js';

const MAX_KEYWORDS = 5;

const isAsciiLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

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
  // Fresh containers per call: reusing module-level ones (old-generation objects holding young strings) was slower.
  // The candidates seen are found by a scan while they are few (most posts), by a map once there are more.
  let indexOf: Map<string, number> | null = null;
  const candidates: string[] = [];
  const tally: number[] = [];
  for (const raw of words) {
    if (raw.length < 2) continue;
    const word = isAsciiLetter(raw.charCodeAt(0)) ? raw.toLowerCase() : raw;
    const seen = indexOf ? indexOf.get(word) : scan(candidates, word);
    if (seen !== undefined) {
      tally[seen]!++;
      continue;
    }
    if (!isCandidate(word) || skip?.(word)) continue;
    if (indexOf) indexOf.set(word, candidates.length);
    else if (candidates.length === SCANNED) indexOf = new Map([...candidates.map((c, i): [string, number] => [c, i]), [word, SCANNED]]);
    candidates.push(word);
    tally.push(1);
  }
  if (candidates.length <= MAX_KEYWORDS) return candidates;
  return mostFrequent(candidates, tally);
}

/** Candidates found by a linear scan, up to this many; past it, by a map. */
const SCANNED = 16;

function scan(candidates: readonly string[], word: string): number | undefined {
  for (let i = 0; i < candidates.length; i++) if (candidates[i] === word) return i;
  return undefined;
}

/** The MAX_KEYWORDS most frequent candidates, earlier first among equals: a few linear passes beat sorting them all. */
function mostFrequent(candidates: readonly string[], tally: number[]): string[] {
  const top: string[] = [];
  for (let k = 0; k < MAX_KEYWORDS; k++) {
    let best = 0;
    for (let i = 1; i < tally.length; i++) if (tally[i]! > tally[best]!) best = i;
    top.push(candidates[best]!);
    tally[best] = -1;
  }
  return top;
}
