/**
 * Han characters as the Chinese text pipeline reads them (segmentation, keywords, the dictionary, crisis
 * matching): CJK Unified Ideographs and Extension A, one UTF-16 code unit each.
 * Language detection counts compatibility ideographs as well (language.ts).
 */
export const isHan = (c: number): boolean => c >= 0x3400 && c <= 0x9fff;

/** True when the text holds at least one Han character. */
export function hasHan(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isHan(text.charCodeAt(i))) return true;
  return false;
}
