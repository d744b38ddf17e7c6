import { CHINESE_WORDS, type ChineseWord } from './chinese-lexicon.js';

/** Sentence-final particles that may trail a fused word (太好了, 难吃的, 好吃啊) and carry no sentiment. */
const PARTICLES = new Set(['了', '的', '啊', '呀', '啦', '吧', '哦', '呢', '哈', '嘛', '喔', '滴']);
const MAX_PIECE = 4;
const CACHE_LIMIT = 50_000;

export interface Piece {
  text: string;
  word: ChineseWord;
}

/** A word can only decompose if some lexicon word starts with its first character: a cheap first filter. */
const FIRST_CHARACTERS: ReadonlySet<number> = new Set([...CHINESE_WORDS.keys()].map((w) => w.charCodeAt(0)));

/** Memo of decompositions; cleared when full so memory stays bounded on endless streams. */
const cache = new Map<string, Piece[] | null>();

/**
 * Splits a word jieba kept whole but the lexicon does not know (比较慢, 不是太好, 有点咸了) into lexicon words,
 * longest first. Only a full cover counts, and it must contain a sentiment-bearing piece, so ordinary nouns
 * (好人, 小哥) are never misread. Returns null when the word does not decompose.
 */
export function decompose(token: string): Piece[] | null {
  if (token.length < 2 || !FIRST_CHARACTERS.has(token.charCodeAt(0))) return null;
  const known = cache.get(token);
  if (known !== undefined) return known;
  const pieces = cover(token);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(token, pieces);
  return pieces;
}

function cover(token: string): Piece[] | null {
  let end = token.length;
  while (end > 1 && PARTICLES.has(token[end - 1]!)) end--;
  const pieces: Piece[] = [];
  let carries = false;
  for (let at = 0; at < end; ) {
    let matched = 0;
    for (let len = Math.min(MAX_PIECE, end - at); len >= 1; len--) {
      const text = token.slice(at, at + len);
      const word = CHINESE_WORDS.get(text);
      if (word === undefined || word.clauseEnd) continue;
      pieces.push({ text, word });
      carries ||= word.valence !== undefined || word.amount !== undefined;
      matched = len;
      break;
    }
    if (matched === 0) return null;
    at += matched;
  }
  return carries && pieces.length > 0 ? pieces : null;
}
