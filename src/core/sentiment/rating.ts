import type { Contribution } from './types.js';

/** How much a star rating weighs against the text when both are present: stars are the reviewer's own verdict. */
const RATING_WEIGHT = 0.6;

/** Maps a star rating onto −1..+1 (1★ of 5 → −1, 3★ → 0, 5★ → +1); undefined when absent or out of range. */
export function ratingPolarity(rating: number | null | undefined, scale = 5): number | undefined {
  // A scale of NaN or Infinity made the score NaN (found by fuzzing the analysers: rating 0 of Infinity).
  if (rating === null || rating === undefined || !Number.isFinite(rating) || !Number.isFinite(scale) || scale <= 1) return undefined;
  if (rating < 0 || rating > scale) return undefined;
  const mid = (scale + 1) / 2;
  return Math.max(-1, Math.min(1, (rating - mid) / (mid - 1)));
}

/** Blends a text score with a rating polarity, so a 1-star review with neutral words still reads negative. */
export function combineWithRating(textScore: number, polarity: number, explain: Contribution[] | null, label: string): number {
  explain?.push({ token: label, weight: Math.round(polarity * RATING_WEIGHT * 1000) / 1000, rule: 'rating' });
  return RATING_WEIGHT * polarity + (1 - RATING_WEIGHT) * textScore;
}
