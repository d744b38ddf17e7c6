import type { Lang } from '../sentiment/types.js';

const isHan = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
const isKanaOrHangul = (c: number): boolean => (c >= 0x3040 && c <= 0x30ff) || (c >= 0xac00 && c <= 0xd7af);
const isLatin = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/**
 * Detects the language of a text from its script: Han characters make it Chinese, Latin letters English.
 * A Chinese character carries about as much as a short English word, so mixed posts ("这个yyds真的good")
 * count as Chinese once Han characters reach a quarter of the Latin letters.
 */
export function detectLanguage(text: string): Lang {
  let han = 0;
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHan(c)) han++;
    else if (isLatin(c)) latin++;
    else if (isKanaOrHangul(c) || (c >= 0x400 && c <= 0x4ff) || (c >= 0x600 && c <= 0x6ff)) other++;
  }
  if (other > han && other > latin / 4) return 'other';
  if (han > 0 && han * 4 >= latin) return 'zh';
  if (latin > 0) return 'en';
  return han > 0 ? 'zh' : 'other';
}

/** Normalises a caller-supplied language tag ("zh-CN", "en_US", "ZH") to one goldenhour knows, or undefined. */
export function normaliseLang(tag: string | undefined): Lang | undefined {
  if (!tag) return undefined;
  const base = tag.toLowerCase().slice(0, 2);
  if (base === 'zh') return 'zh';
  if (base === 'en') return 'en';
  return undefined;
}
