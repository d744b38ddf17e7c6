const MULTIPLIER: Record<string, number> = { k: 1e3, K: 1e3, m: 1e6, M: 1e6, b: 1e9, B: 1e9, 千: 1e3, 万: 1e4, w: 1e4, W: 1e4, 亿: 1e8 };
const WORDS: Record<string, number> = { one: 1, a: 1, an: 1, two: 2, three: 3 };

/** Reads an engagement count as platforms print it: "1,234", "1.2万", "3.4k", "10万+", "One person found this helpful". */
export function parseCount(text: string): number | undefined {
  const m = /(\d[\d,]*(?:\.\d+)?)\s*([kKmMbB千万wW亿])?/.exec(text);
  if (m) {
    const n = Number(m[1]!.replace(/,/g, '')) * (m[2] ? MULTIPLIER[m[2]]! : 1);
    return Number.isFinite(n) ? Math.round(n) : undefined;
  }
  const word = /^\s*(one|a|an|two|three)\b/i.exec(text);
  return word ? WORDS[word[1]!.toLowerCase()] : undefined;
}

/** Reads a rating: the first number in "4.0 out of 5 stars", "Rated 2 out of 5", "5". */
export function parseRating(text: string): number | undefined {
  const m = /\d+(?:[.,]\d+)?/.exec(text);
  if (!m) return undefined;
  const n = Number(m[0].replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}
