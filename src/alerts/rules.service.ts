import { Injectable, Logger } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../platform/config/app-config.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import { loadRules, rulesFingerprint, type LoadedRules } from './rules-loader.js';

/**
 * The current alert rules: the default rules directory plus the user's, re-read whenever a file's size
 * or mtime changes (checked at each evaluation), so a rule change needs no restart.
 */
@Injectable()
export class RulesService {
  private readonly logger = new Logger(RulesService.name);
  private loaded?: LoadedRules;
  private fingerprint = '';
  private readonly invalidFiles;

  constructor(
    private readonly config: AppConfig,
    metrics: MetricsService,
  ) {
    this.invalidFiles = metrics.gauge('goldenhour_alert_rule_files_invalid', 'Alert rule files switched off because they do not validate');
  }

  dirs(): string[] {
    return [this.config.rulesDir, this.config.alerts.userRulesDir ?? join(this.config.dataDir, 'rules')];
  }

  /** The rules as of now, re-reading the files first if any changed. */
  current(): LoadedRules {
    const dirs = this.dirs();
    const fingerprint = rulesFingerprint(dirs);
    if (this.loaded && fingerprint === this.fingerprint) return this.loaded;
    this.loaded = loadRules(dirs);
    this.fingerprint = fingerprint;
    const bad = this.loaded.files.filter((f) => !f.ok);
    this.invalidFiles.set(bad.length);
    for (const f of bad) this.logger.error({ event: 'rule_file_disabled', file: f.file, issues: f.issues.map((i) => `${i.file}:${i.line ?? '?'}: ${i.key}: ${i.message}`) });
    this.logger.log({ event: 'rules_loaded', files: this.loaded.files.map((f) => f.file), rules: this.loaded.ruleSet.rules.map((r) => r.id), disabledFiles: bad.length });
    return this.loaded;
  }
}
