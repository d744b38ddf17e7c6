import { Injectable, Logger } from '@nestjs/common';
import { join } from 'node:path';
import type { CaseTerms } from '../core/cases/case-actions.js';
import { policyById, rulesFor, type CaseRules, type PlatformRules } from '../core/cases/case-rules.js';
import { AppConfig } from '../platform/config/app-config.js';
import { defaultRulesDir, fingerprint } from '../platform/config/sla-files.js';
import { caseRuleFiles, loadCaseRules } from './case-rules-file.js';

/**
 * The case rules from the rules folders, re-read when a file changes. A broken edit keeps the last good
 * rules (and logs where the error is); with no valid file at all, no case is opened.
 */
@Injectable()
export class CaseRulesService {
  private readonly logger = new Logger(CaseRulesService.name);
  private loaded: { fingerprint: string; rules: CaseRules | null } | null = null;

  constructor(private readonly config: AppConfig) {}

  /** The rules for mentions of one platform; null when no case rules are configured. */
  forPlatform(platform: string): PlatformRules | null {
    const rules = this.rules();
    return rules && rulesFor(rules, platform);
  }

  /** The policy and business hours that govern a case of `team` under `policyId`. */
  terms(policyId: string, team: string): CaseTerms {
    const rules = this.rules();
    if (!rules) throw new Error(`no valid case rules: add ${this.config.rulesDir}/cases.yaml`);
    return { policy: policyById(rules, policyId), hours: rules.businessHours.find((h) => h.team === team) };
  }

  rules(): CaseRules | null {
    const dirs = [this.config.rulesDir, this.config.alerts.userRulesDir ?? join(this.config.dataDir, 'rules')];
    let files = caseRuleFiles(dirs);
    if (files.length === 0) files = caseRuleFiles([defaultRulesDir()]);
    const fp = fingerprint(files);
    if (this.loaded?.fingerprint === fp) return this.loaded.rules;
    const { rules, problems } = loadCaseRules(files);
    for (const p of problems) this.logger.error({ event: 'case_rules_invalid', problem: p });
    this.loaded = { fingerprint: fp, rules: rules ?? this.loaded?.rules ?? null };
    return this.loaded.rules;
  }
}
