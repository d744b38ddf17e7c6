import { hasHan } from './han.js';

/**
 * Brand names, aliases and competitor names carry no sentiment and are no topic: 炉火面馆 read word by word
 * is 炉火 ("hearth fire", negative in the dictionary) and 面馆; 日出厨房 gave the topics 日出 and 厨房.
 * The analyser blanks them out of the text before scoring and keeps their pieces out of the keywords.
 */
export interface NameMask {
  /** The text with every name replaced by spaces (Latin names only at word boundaries, any case). */
  mask(text: string): string;
  /** Whether a word is a name or a piece of one (kept out of keywords). */
  isNamePiece(word: string): boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Builds the mask for a set of names; `segment` splits a Chinese name into the words the segmenter
 * would see, so its pieces can be excluded from keywords.
 */
export function nameMask(names: readonly string[], segment: (text: string) => readonly string[]): NameMask {
  const cleaned = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
  if (cleaned.length === 0) return { mask: (t) => t, isNamePiece: () => false };
  const pattern = new RegExp(cleaned.map((n) => (hasHan(n) ? escape(n) : `(?<![\\p{L}\\p{N}])${escape(n)}(?![\\p{L}\\p{N}])`)).join('|'), 'giu');
  const pieces = new Set<string>();
  for (const n of cleaned) {
    pieces.add(n.toLowerCase());
    for (const w of hasHan(n) ? segment(n) : n.split(/[^\p{L}\p{N}'-]+/u)) if (w.trim().length >= 2) pieces.add(w.trim().toLowerCase());
  }
  return {
    mask: (text) => text.replace(pattern, (m) => ' '.repeat(m.length)),
    isNamePiece: (word) => pieces.has(word.toLowerCase()),
  };
}
