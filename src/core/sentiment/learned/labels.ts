import type { Polarity } from '../types.js';

/**
 * A label as companies write them: 1/0 (positive/negative, as in most tagged review sets) or the polarity
 * words, any case. Anything else is refused with the allowed values.
 */
export function parseLabel(value: unknown): { ok: true; label: Polarity } | { ok: false; error: string } {
  if (value === 1 || value === '1') return { ok: true, label: 'positive' };
  if (value === 0 || value === '0') return { ok: true, label: 'negative' };
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'positive' || v === 'neutral' || v === 'negative') return { ok: true, label: v };
  }
  return { ok: false, error: `"label": ${JSON.stringify(value) ?? 'missing'} is not a label (use 1 or 0, or "positive", "neutral", "negative")` };
}
