/** The shapes the analysis engine hands to the rest of goldenhour. */
export type Polarity = 'negative' | 'neutral' | 'positive';
export type Lang = 'en' | 'zh' | 'other';

export interface AnalyzeInput {
  text: string;
  /** Star rating, when the item is a review. */
  rating?: number | null;
  /** Top of the rating scale (5 unless given). */
  ratingScale?: number;
  /** Language when the source knows it; detected otherwise. */
  lang?: string;
  /** The brand's names and aliases and its competitors' names: never scored, never keywords. */
  names?: readonly string[];
}

/** A crisis term found in a text: separate from polarity, weighted by severity (0..1). */
export interface CrisisHit {
  term: string;
  category: string;
  severity: number;
}

/** One token or rule that moved the score, for "why is this negative?". */
export interface Contribution {
  token: string;
  weight: number;
  rule?: string;
}

export interface Analysis {
  score: number;
  label: Polarity;
  lang: Lang;
  crisis: CrisisHit[];
  keywords: string[];
  explain?: Contribution[];
  /** Present when a learned layer scored the text: what the rules said and how many labels it learnt from. */
  learned?: { ruleScore: number; ruleLabel: Polarity; labels: number };
}
