import type { Contribution } from './types.js';

/**
 * Emoji valence (−4..+4), goldenhour's own list of the emoji common in reviews and posts. Neither VADER's
 * lexicon nor its JS port rates emoji; in Weibo and tweets they often carry the whole sentiment.
 */
const EMOJI: ReadonlyMap<string, number> = new Map([
  ...[...'😀😁😂🤣😃😄😆😊😍🥰😘😋😎🤗🥳😇😉😻👍👏🙌💪🎉🎊💯👌🌹💐✨🌟⭐💕💖💗💓💞💘💝❤🧡💛💚💙💜🤍☺😺😸😹🙂😙😚🤩🥺'].map(
    (e): [string, number] => [e, 2],
  ),
  ...[...'😢😭😞😔😟😠😡🤬😤😩😫😒🙄😰😱😨💔👎🤮🤢😷😓😥😪😖😣😿🙁☹😑😬💩🖕'].map((e): [string, number] => [e, -2]),
  ['🙃', -1],
  ['😅', 0.5],
  ['🙏', 1],
  ['🔥', 1],
]);

const isEmojiStart = (c: number): boolean => (c >= 0xd83c && c <= 0xd83e) || (c >= 0x2600 && c <= 0x27bf);

/** Sums the valence of the emoji in a text (each occurrence counts; skin tones and variation selectors are ignored). */
export function scoreEmoji(text: string, explain: Contribution[] | null): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isEmojiStart(c)) continue;
    const emoji = c >= 0xd800 ? text.slice(i, i + 2) : text[i]!;
    const v = EMOJI.get(emoji);
    if (c >= 0xd800) i++;
    if (v === undefined) continue;
    sum += v;
    explain?.push({ token: emoji, weight: v, rule: 'emoji' });
  }
  return sum;
}
