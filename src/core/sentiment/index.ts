export type { Analysis, AnalyzeInput, Contribution, CrisisHit, Lang, Polarity } from './types.js';
export { createAnalyzer, type Analyzer, type AnalyzerOptions, type AnalyzeOptions } from './analyzer.js';
export { CrisisMatcher, parseCrisisTerms, type CrisisTerm, type CrisisTermsResult } from './crisis-terms.js';
export { detectLanguage } from '../text/language.js';
