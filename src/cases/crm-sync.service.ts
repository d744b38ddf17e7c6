import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { join } from 'node:path';
import { OutboxService } from '../alerts/outbox.service.js';
import type { Case } from '../core/cases/case.js';
import { crmPayload, mapPayload } from '../core/cases/crm-payload.js';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { defaultRulesDir } from '../platform/config/sla-files.js';
import { CaseNotifier } from './case-notifier.js';
import { CaseWriter } from './case-writer.service.js';
import { crmMappingFiles, loadCrmMappings } from './crm-mappings-file.js';

/** A change the CRM hears about: a new case, or one whose state, owner, team, reply or mentions changed. */
function reportable(before: Case | null, after: Case): boolean {
  // A change the CRM reported itself is not sent back to it.
  if (after.history.at(-1)?.by.startsWith('crm')) return false;
  if (!before) return true;
  return before.state !== after.state || before.owner !== after.owner || before.team !== after.team || before.replyUrl !== after.replyUrl || before.mentions.length !== after.mentions.length;
}

/**
 * Sends every case to the configured CRM through the outbox, as the documented signed JSON payload or
 * a field mapping of it. One outbox row per case version (idempotency key `crm|case|version`), so a
 * receiver that is down gets each version once it is back, and never twice.
 */
@Injectable()
export class CrmSyncService implements OnModuleInit {
  private readonly logger = new Logger(CrmSyncService.name);

  constructor(
    private readonly writer: CaseWriter,
    private readonly outbox: OutboxService,
    private readonly notifier: CaseNotifier,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.writer.onChange(async (changes) => {
      for (const { before, after } of changes) await this.send(before, after);
    });
  }

  async send(before: Case | null, after: Case): Promise<void> {
    const crm = this.config.crm;
    if (!crm || !reportable(before, after)) return;
    const mapping = crm.mapping === 'goldenhour' ? undefined : this.mapping(crm.mapping);
    const payload = mapPayload(crmPayload(after, this.notifier.caseUrl(after), this.clock.now()), mapping);
    await this.outbox.enqueue({ channel: 'webhook', to: crm.url, subject: `case ${after._id} v${after.version}`, payload, idempotencyKey: `crm|${after._id}|${after.version}` });
  }

  private mapping(name: string): Record<string, string> | undefined {
    const dirs = [this.config.rulesDir, this.config.alerts.userRulesDir ?? join(this.config.dataDir, 'rules')];
    let files = crmMappingFiles(dirs);
    if (files.length === 0) files = crmMappingFiles([defaultRulesDir()]);
    const { mappings, problems } = loadCrmMappings(files);
    for (const p of problems) this.logger.error({ event: 'crm_mapping_invalid', problem: p });
    if (!mappings[name]) this.logger.error({ event: 'crm_mapping_unknown', mapping: name, known: Object.keys(mappings), fix: 'set crm.mapping to one of these or "goldenhour"' });
    return mappings[name] ?? undefined;
  }
}
