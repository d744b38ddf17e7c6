import { Injectable, Logger } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseAspects } from '../core/cases/case-aspects.js';
import { parseAspects, type Aspect } from '../core/sentiment/aspects.js';
import { defaultRulesDir } from '../platform/config/sla-files.js';
import { AppConfig } from '../platform/config/app-config.js';

/**
 * The aspects of rules/aspects*.yaml (the shipped file when the rules folder has none), read at start,
 * that a new case is tagged with. A broken file is left out with its file:line errors logged.
 */
@Injectable()
export class CaseAspectsService {
  private readonly logger = new Logger(CaseAspectsService.name);
  private readonly aspects: Aspect[];

  constructor(config: AppConfig) {
    this.aspects = this.load(config.rulesDir);
    if (!this.aspects.length) this.aspects = this.load(defaultRulesDir());
  }

  of(text: string): string[] {
    return caseAspects(text, this.aspects);
  }

  private load(dir: string): Aspect[] {
    if (!existsSync(dir)) return [];
    const out: Aspect[] = [];
    for (const f of readdirSync(dir).filter((n) => /^aspects.*\.ya?ml$/.test(n)).sort()) {
      const file = join(dir, f);
      const parsed = parseAspects(readFileSync(file, 'utf8'), file);
      if (parsed.ok) out.push(...parsed.aspects);
      else this.logger.error({ event: 'case_aspects_disabled', file, errors: parsed.errors });
    }
    return out;
  }
}
