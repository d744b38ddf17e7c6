import { Injectable, Logger } from '@nestjs/common';
import { dueCaseSteps, type CaseStep } from '../core/cases/case-clock.js';
import { partitionRange, readingOrder, WAITING_PART } from '../core/cases/queue-partitions.js';
import { LeaseService } from '../platform/leases/lease.service.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import { CaseNotifier } from './case-notifier.js';
import { CaseQueueRepository } from './case-queue.repository.js';
import { CaseRulesService } from './case-rules.service.js';
import { CaseWriter } from './case-writer.service.js';
import { CasesRepository } from './cases.repository.js';

const MINUTE = 60_000;

/** A step that fired on a case, for the job's log and for `goldenhour replay`. */
export interface FiredCaseStep {
  caseId: string;
  brand: string;
  step: CaseStep['id'];
  notify: CaseStep['notify'];
  dueAt: Date;
}

/**
 * The case SLA check: reminders to the owner, escalation to the team lead, and breaches, each once per
 * case. Only the whole queue's partitions due before now + the longest reminder lead are read, so a pass costs the cases
 * near or past their deadline, not the whole queue.
 */
@Injectable()
export class CaseSlaService {
  private readonly logger = new Logger(CaseSlaService.name);
  private readonly fired;

  constructor(
    private readonly queue: CaseQueueRepository,
    private readonly cases: CasesRepository,
    private readonly rules: CaseRulesService,
    private readonly writer: CaseWriter,
    private readonly notifier: CaseNotifier,
    private readonly leases: LeaseService,
    metrics: MetricsService,
  ) {
    this.fired = metrics.counter('goldenhour_case_steps_fired_total', 'Case reminders, escalations and breaches', ['step']);
  }

  async run(now: Date): Promise<FiredCaseStep[]> {
    const rules = this.rules.rules();
    if (!rules) return [];
    // First, so the steps checked below are those of the incident's clock.
    await this.writer.adoptIncidents();
    const lead = Math.max(...rules.policies.map((p) => Math.max(p.remindBeforeMinutes, p.escalateBeforeMinutes)));
    const horizon = now.getTime() + lead * MINUTE;
    const out: FiredCaseStep[] = [];
    for (const part of readingOrder(await this.queue.parts('all'))) {
      if (part === WAITING_PART || partitionRange(part).start > horizon) break;
      for (const entry of await this.queue.entries('all', part)) {
        try {
          out.push(...(await this.check(entry._id, now)));
        } catch (err) {
          this.logger.error({ event: 'case_sla_check_failed', case: entry._id, error: (err as Error).message });
        }
      }
    }
    // A stage left by ingest since its last fold goes to its partitions here, so it stays small between busy times.
    await this.queue.settle();
    return out;
  }

  /** Notifies first (idempotent keys), then records the steps as fired, so a crash in between loses nothing. */
  private async check(id: string, now: Date): Promise<FiredCaseStep[]> {
    const c = await this.cases.get(id);
    if (!c) return [];
    const steps = dueCaseSteps(this.rules.terms(c.clock.policyId, c.team).policy, c.clock, c, c.fired, now);
    if (steps.length === 0) return [];
    await this.leases.fence(); // under the `case-sla` job's lease: a daemon that lost it notifies nothing
    for (const s of steps) await this.notifier.notifyStep(c, s);
    await this.writer.update(id, (cur) => {
      const added = steps.map((s) => s.id).filter((s) => !cur.fired.includes(s));
      return added.length ? { ...cur, fired: [...cur.fired, ...added], version: cur.version + 1 } : cur;
    });
    return steps.map((s) => {
      this.fired.inc({ step: s.id });
      this.logger.log({ event: 'case_step_fired', case: c._id, brand: c.brand, step: s.id, notify: s.notify, dueAt: s.dueAt });
      return { caseId: c._id, brand: c.brand, step: s.id, notify: s.notify, dueAt: s.dueAt };
    });
  }
}
