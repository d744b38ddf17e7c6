import { Injectable, Logger } from '@nestjs/common';
import { join } from 'node:path';
import { formatSlaFileErrors } from '../core/sla/policy-file.js';
import type { SlaPolicy } from '../core/sla/policy.js';
import { DEFAULT_SLA_POLICY } from '../core/rules/rule.js';
import { AppConfig } from '../platform/config/app-config.js';
import { defaultRulesDir, fingerprint, slaFilesIn, validateSlaFile } from '../platform/config/sla-files.js';

/**
 * SLA policies from the rules folder, re-read when a file changes. A broken edit keeps the last good
 * policies (and logs where the error is) rather than leaving incidents without a clock.
 */
@Injectable()
export class SlaPoliciesService {
  private readonly logger = new Logger(SlaPoliciesService.name);
  private loaded: { fingerprint: string; byId: Map<string, SlaPolicy> } | null = null;

  constructor(private readonly config: AppConfig) {}

  /** The policy with this id; an unknown id falls back to the default `one-hour` policy. */
  get(id: string): SlaPolicy {
    const byId = this.load();
    const policy = byId.get(id) ?? byId.get(DEFAULT_SLA_POLICY);
    if (!policy) throw new Error(`no SLA policy "${id}" and no "${DEFAULT_SLA_POLICY}" fallback: define it in ${this.config.rulesDir}/sla.yaml`);
    if (!byId.has(id)) this.logger.warn({ event: 'sla_policy_unknown', policy: id, fallback: DEFAULT_SLA_POLICY });
    return policy;
  }

  list(): SlaPolicy[] {
    return [...this.load().values()];
  }

  /** The shipped/configured rules folder, then the user's own (the same folders alert rules come from). */
  dirs(): string[] {
    return [this.config.rulesDir, this.config.alerts.userRulesDir ?? join(this.config.dataDir, 'rules')];
  }

  private load(): Map<string, SlaPolicy> {
    let files = this.dirs().flatMap(slaFilesIn);
    if (files.length === 0) files = slaFilesIn(defaultRulesDir());
    const fp = fingerprint(files);
    if (this.loaded?.fingerprint === fp) return this.loaded.byId;
    const byId = new Map<string, SlaPolicy>();
    for (const file of files) {
      const r = validateSlaFile(file);
      if (!r.ok) {
        this.logger.error({ event: 'sla_file_invalid', file, errors: formatSlaFileErrors(r.errors) });
        if (this.loaded) return this.loaded.byId;
        continue;
      }
      for (const p of r.policies) byId.set(p.id, p);
    }
    this.loaded = { fingerprint: fp, byId };
    this.logger.log({ event: 'sla_policies_loaded', files, policies: [...byId.keys()] });
    return byId;
  }
}
