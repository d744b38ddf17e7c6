import { Injectable, Logger } from '@nestjs/common';
import { dueSteps, newBreaches, nextCheckAt } from '../core/sla/steps.js';
import { LeaseService } from '../platform/leases/lease.service.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import type { Incident } from './incident.js';
import { IncidentEventsService } from './incident-events.service.js';
import { IncidentNotifier } from './incident-notifier.js';
import { IncidentsRepository } from './incidents.repository.js';
import { SlaPoliciesService } from './sla-policies.service.js';

const SLA_JOB = 'sla-job';

/**
 * The SLA check use case, run by the scheduled job: records breaches and fires the escalation steps
 * that are due, under the `sla` job's lease. A step is recorded by inserting its marker before it counts as
 * fired, and its notices carry idempotency keys, so after a crash at any line the daemon that takes the job
 * over fires each step once and never twice.
 */
@Injectable()
export class SlaEscalationService {
  private readonly logger = new Logger(SlaEscalationService.name);
  private readonly fired;
  private readonly breached;

  constructor(
    private readonly repo: IncidentsRepository,
    private readonly policies: SlaPoliciesService,
    private readonly notifier: IncidentNotifier,
    private readonly events: IncidentEventsService,
    private readonly leases: LeaseService,
    metrics: MetricsService,
  ) {
    this.fired = metrics.counter('goldenhour_sla_steps_fired_total', 'Escalation steps fired', ['step']);
    this.breached = metrics.counter('goldenhour_sla_breaches_total', 'SLA deadlines missed', ['kind']);
  }

  /** Checks every unresolved incident at `now`; one incident's failure does not stop the others. */
  async run(now: Date): Promise<{ steps: number; breaches: number }> {
    const totals = { steps: 0, breaches: 0 };
    for (const incident of await this.repo.unresolved()) {
      try {
        totals.breaches += await this.recordBreaches(incident, now);
        totals.steps += await this.fireSteps(incident, now);
      } catch (err) {
        this.logger.error({ event: 'sla_check_failed', incident: incident._id, error: (err as Error).message });
      }
    }
    return totals;
  }

  /** When a check next finds a step or breach due, while no incident changes; undefined when none can by time alone. */
  async nextCheckAt(now: Date): Promise<Date | undefined> {
    let next: Date | undefined;
    for (const incident of await this.repo.unresolved()) {
      const at = nextCheckAt(this.policies.get(incident.sla.policyId), incident.sla, incident.milestones, now);
      if (at && (!next || at < next)) next = at;
    }
    return next;
  }

  private async recordBreaches(incident: Incident, now: Date): Promise<number> {
    let n = 0;
    for (const b of newBreaches(incident.sla, incident.milestones, now)) {
      const field = b.kind === 'response-breach' ? 'responseBreachedAt' : 'solutionBreachedAt';
      const audit = { at: now, by: SLA_JOB, action: 'breach' as const, detail: `${b.kind} at ${b.breachedAt!.toISOString()}` };
      if (!(await this.repo.recordBreach(incident._id, field, b.breachedAt!, audit))) continue;
      n++;
      this.breached.inc({ kind: b.kind });
      this.logger.warn({ event: 'sla_breached', incident: incident._id, brand: incident.brand, kind: b.kind, dueAt: b.dueAt });
      this.events.emit({
        type: 'sla_breach', brand: incident.brand, severity: incident.severity, incident: incident._id,
        breach: b.kind, dueAt: b.dueAt.toISOString(), state: incident.state,
      });
    }
    return n;
  }

  private async fireSteps(incident: Incident, now: Date): Promise<number> {
    const policy = this.policies.get(incident.sla.policyId);
    let n = 0;
    for (const { step, dueAt } of dueSteps(policy, incident.sla, incident.milestones, now)) {
      // Fenced: a daemon that lost the `sla` lease (paused past it) fires nothing; the new holder does.
      await this.leases.fence();
      const claimed = await this.repo.claimStep(incident._id, step.id, now);
      if (claimed) {
        n++;
        this.fired.inc({ step: step.id });
        this.logger.log({ event: 'sla_step_fired', incident: incident._id, brand: incident.brand, step: step.id, notify: step.notify, dueAt });
        this.events.emit({
          type: 'escalation', brand: incident.brand, severity: incident.severity, incident: incident._id,
          step: step.id, notify: step.notify, dueAt: dueAt.toISOString(), state: incident.state,
        });
      }
      // Also after a lost claim: the claimer may have crashed before enqueueing; the keys make this a no-op otherwise.
      await this.notifier.notifyStep(incident, step, dueAt);
      await this.repo.recordStep(incident._id, step.id, claimed ? { at: now, by: SLA_JOB, action: 'escalate', detail: `${step.id} → ${step.notify}` } : undefined);
    }
    return n;
  }
}
