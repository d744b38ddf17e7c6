/** Whitespace-separated tokens as written (for emoticons and ALL-CAPS) and their bare lower-cased words. */
export interface EnglishTokens {
  tokens: string[];
  words: string[];
}

const WHITESPACE = /\s+/;
/** Scraped and exported posts often keep HTML entities ("&gt;:[" is the emoticon ">:["). */
const HTML_ENTITY = /&(?:gt|lt|amp|quot|#39);/g;
const HTML_ENTITIES: Record<string, string> = { '&gt;': '>', '&lt;': '<', '&amp;': '&', '&quot;': '"', '&#39;': "'" };

const isWordChar = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x27 || c === 0x2d || c > 0x7f;

/** Strips leading/trailing punctuation and trailing apostrophes ("great!!" → "great", "#fail" → "fail"), lower-cased. */
function bareWord(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && !isWordChar(token.charCodeAt(start))) start++;
  while (end > start && (!isWordChar(token.charCodeAt(end - 1)) || token.charCodeAt(end - 1) === 0x27)) end--;
  return (start === 0 && end === token.length ? token : token.slice(start, end)).toLowerCase();
}

/** Splits English text on whitespace, keeping each token and its bare word side by side. */
export function splitEnglish(text: string): EnglishTokens {
  const plain = text.includes('&') ? text.replace(HTML_ENTITY, (e) => HTML_ENTITIES[e] ?? e) : text;
  const tokens = plain.trim().split(WHITESPACE);
  const words = new Array<string>(tokens.length);
  for (let i = 0; i < tokens.length; i++) words[i] = bareWord(tokens[i]!);
  return { tokens, words };
}
