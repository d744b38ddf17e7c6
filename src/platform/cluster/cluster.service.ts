import { Injectable } from '@nestjs/common';
import { clusterStatus, type ClusterStatus } from '../../core/jobs/cluster-status.js';
import { describeSchedule } from '../../core/jobs/schedule.js';
import { Clock } from '../clock.js';
import { AppConfig } from '../config/app-config.js';
import { JobRegistry, scheduleOf } from '../jobs/job-registry.js';
import { JobRunsRepository } from '../jobs/job-runs.repository.js';
import { LeaseService } from '../leases/lease.service.js';

/** The state of the daemons on this database: `goldenhour status` and GET /api/v1/cluster. */
@Injectable()
export class ClusterService {
  constructor(
    private readonly registry: JobRegistry,
    private readonly runs: JobRunsRepository,
    private readonly leases: LeaseService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async status(): Promise<ClusterStatus> {
    const [daemons, heads, records, units] = await Promise.all([this.runs.daemonsSeen(), this.leases.all(), this.runs.all(), this.registry.units()]);
    const byScope = new Map(records.map((r) => [r.scope, r]));
    const rows = units.map((u) => {
      const { scope: _scope, job: _job, by: _by, ...rec } = byScope.get(u.scope) ?? { scope: u.scope, job: u.job.name, by: '' };
      return { scope: u.scope, job: u.job.name, ...(u.unit !== undefined ? { unit: u.unit } : {}), schedule: describeSchedule(scheduleOf(u)), local: !!u.job.local, ...rec };
    });
    return clusterStatus(this.clock.now(), this.config.cluster.leaseSeconds * 1000, daemons, heads, rows);
  }
}
