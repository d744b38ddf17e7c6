import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * One jieba instance for the process: building it parses a 5 MB dictionary, so it is created on first
 * use and shared. Words added through `addChineseWords` (lexicon entries, slang like 绝绝子) are kept
 * whole by the segmenter from then on.
 */
let jieba: Jieba | undefined;
const added = new Set<string>();

function instance(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/**
 * Teaches the segmenter words it must not split; idempotent. The frequency is high enough to keep them whole
 * (就是, 不太) yet below jieba's most common words, which a lower figure would demote.
 */
export function addChineseWords(words: Iterable<string>): void {
  const lines: string[] = [];
  for (const w of words) {
    if (w.length < 2 || added.has(w) || /\s/.test(w)) continue;
    added.add(w);
    lines.push(`${w} 20000`);
  }
  if (lines.length > 0) instance().loadDict(Buffer.from(lines.join('\n') + '\n'));
}

/** Splits Chinese (or mixed) text into words, without HMM guessing so results depend on the dictionary only. */
export function segmentChinese(text: string): string[] {
  return instance().cut(text, false);
}
