import { Injectable } from '@nestjs/common';
import { incidentStats, type IncidentStats } from '../core/sla/metrics.js';
import { Clock } from '../platform/clock.js';
import { IncidentsRepository, type IncidentFilter } from './incidents.repository.js';

/** Response-time figures and SLA compliance over the incidents a filter selects. */
@Injectable()
export class IncidentStatsService {
  constructor(
    private readonly repo: IncidentsRepository,
    private readonly clock: Clock,
  ) {}

  async stats(filter: IncidentFilter): Promise<IncidentStats> {
    const items = await this.repo.forStats(filter);
    return incidentStats(items.map((i) => ({ ...i, clock: i.sla })), this.clock.now());
  }
}
