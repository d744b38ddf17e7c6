import { Injectable, Logger } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aspectsOf, parseAspects, type Aspect, type AspectPolarity } from '../core/sentiment/aspects.js';
import { createAnalyzer, parseCrisisTerms, type Analyzer, type AnalyzeOptions, type CrisisTerm } from '../core/sentiment/index.js';
import type { Analysis, AnalyzeInput } from '../core/sentiment/types.js';
import { AppConfig } from '../platform/config/app-config.js';

/**
 * The sentiment engine with the crisis-term lists (`crisis-terms*.yaml`) and review aspects (`aspects*.yaml`)
 * of the rules folder. A broken file is left out with a logged reason; the others still apply.
 */
@Injectable()
export class AnalysisService {
  private readonly logger = new Logger(AnalysisService.name);
  private readonly analyzer: Analyzer;
  readonly problems: string[] = [];
  /** The aspects of reviews a mention is scored on (ids in file order; a later file may add terms to an aspect). */
  readonly aspects: Aspect[];

  constructor(config: AppConfig) {
    this.analyzer = createAnalyzer({ crisisTerms: this.loadTerms(config.rulesDir) });
    this.aspects = this.loadAspects(config.rulesDir);
  }

  analyze(input: AnalyzeInput, opts?: AnalyzeOptions): Analysis {
    return this.analyzer.analyze(input, opts);
  }

  /** The aspects a text talks about, each with the rules' polarity of the clauses naming it (none for other languages). */
  aspectsOf(text: string, lang: Analysis['lang']): AspectPolarity[] {
    if (lang === 'other' || !this.aspects.length) return [];
    return aspectsOf(text, lang, this.aspects, (clause) => this.analyzer.analyze({ text: clause, lang }).score);
  }

  private loadAspects(dir: string): Aspect[] {
    if (!existsSync(dir)) return [];
    const byId = new Map<string, Aspect>();
    for (const f of readdirSync(dir).filter((n) => /^aspects.*\.ya?ml$/.test(n)).sort()) {
      const file = join(dir, f);
      const parsed = parseAspects(readFileSync(file, 'utf8'), file);
      if (!parsed.ok) {
        this.problems.push(...parsed.errors);
        this.logger.error({ event: 'aspects_disabled', file, errors: parsed.errors });
        continue;
      }
      for (const a of parsed.aspects) {
        const known = byId.get(a.id);
        byId.set(a.id, known ? { id: a.id, en: [...known.en, ...a.en], zh: [...known.zh, ...a.zh] } : a);
      }
    }
    return [...byId.values()];
  }

  private loadTerms(dir: string): CrisisTerm[] {
    if (!existsSync(dir)) return [];
    const terms: CrisisTerm[] = [];
    for (const f of readdirSync(dir).filter((n) => /^crisis-terms.*\.ya?ml$/.test(n)).sort()) {
      const file = join(dir, f);
      const parsed = parseCrisisTerms(readFileSync(file, 'utf8'), file);
      if (!parsed.ok) {
        this.problems.push(...parsed.errors);
        this.logger.error({ event: 'crisis_terms_disabled', file, errors: parsed.errors });
        continue;
      }
      terms.push(...parsed.terms);
    }
    return terms;
  }
}
