import type { Triggers } from './case-rules.js';

/** Why a mention needs a reply; a case keeps every reason any of its mentions gave. */
export const CASE_REASONS = ['low-rating', 'crisis-term', 'negative-mention', 'negative-question', 'negative-review', 'large-reach'] as const;
export type CaseReason = (typeof CASE_REASONS)[number];

/** What triage reads of a mention: its analysis and a few fields, nothing stored. */
export interface TriageMention {
  text: string;
  title?: string;
  rating?: number;
  ratingScale?: number;
  sentiment: { label: string };
  crisisTerms: readonly string[];
  followers?: number;
}

// Question marks in both widths, and the Chinese particles and phrases that ask without one ("有人也这样吗").
const QUESTION = /[?？]|吗[。！!\s]*$|(有没有|怎么办|为什么|怎么回事|谁知道|有人.{0,8}(吗|么))/;
const ENGLISH_QUESTION = /^(why|how|what|when|where|who|is|are|does|do|did|can|has|have|anyone)\b/i;

/** Whether the text asks something: a question mark, a Chinese question form, or an English question opening. */
export function isQuestion(text: string): boolean {
  return QUESTION.test(text) || text.split(/(?<=[.!。！\n])\s*/).some((s) => ENGLISH_QUESTION.test(s.trim()));
}

/** Whether the text @-mentions one of the brand's names ("@Acme", "@acme官方旗舰店"). */
export function mentionsBrand(text: string, names: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return names.some((n) => n.length > 1 && lower.includes(`@${n.toLowerCase()}`));
}

/** Stars on a 5-star scale, whatever scale the platform uses. */
export function fiveStar(rating: number, scale = 5): number {
  return (rating / scale) * 5;
}

/**
 * The reasons a single mention needs a reply under `triggers`, empty when it needs none. Negative
 * mentions need one when addressed to the brand (an @-mention, a question, a review) or when their
 * author reaches many; low ratings and crisis terms need one whatever the text's polarity.
 */
export function replyReasons(m: TriageMention, triggers: Triggers, brandNames: readonly string[]): CaseReason[] {
  const reasons: CaseReason[] = [];
  const text = m.title ? `${m.title}\n${m.text}` : m.text;
  const negative = m.sentiment.label === 'negative';
  const isReview = triggers.review || m.rating !== undefined;
  if (m.rating !== undefined && triggers.maxStars > 0 && fiveStar(m.rating, m.ratingScale) <= triggers.maxStars) reasons.push('low-rating');
  if (triggers.crisisTerms && m.crisisTerms.length > 0) reasons.push('crisis-term');
  if (negative && triggers.negativeAddressed) {
    if (mentionsBrand(text, brandNames)) reasons.push('negative-mention');
    if (isQuestion(text)) reasons.push('negative-question');
    if (isReview) reasons.push('negative-review');
  }
  if (negative && triggers.minFollowers > 0 && (m.followers ?? 0) >= triggers.minFollowers) reasons.push('large-reach');
  return reasons;
}
