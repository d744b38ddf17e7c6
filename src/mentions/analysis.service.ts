import { Injectable, Logger } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer, parseCrisisTerms, type Analyzer, type CrisisTerm } from '../core/sentiment/index.js';
import type { Analysis, AnalyzeInput } from '../core/sentiment/types.js';
import { AppConfig } from '../platform/config/app-config.js';

/**
 * The sentiment engine with the crisis-term lists of the rules folder (`crisis-terms*.yaml`).
 * A broken list is left out with a logged reason; the others still apply.
 */
@Injectable()
export class AnalysisService {
  private readonly logger = new Logger(AnalysisService.name);
  private readonly analyzer: Analyzer;
  readonly problems: string[] = [];

  constructor(config: AppConfig) {
    this.analyzer = createAnalyzer({ crisisTerms: this.loadTerms(config.rulesDir) });
  }

  analyze(input: AnalyzeInput, opts?: { explain?: boolean }): Analysis {
    return this.analyzer.analyze(input, opts);
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
