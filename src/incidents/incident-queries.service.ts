import { Injectable } from '@nestjs/common';
import type { IncidentStats } from '../core/sla/metrics.js';
import type { Incident } from './incident.js';
import { IncidentStatsService } from './incident-stats.service.js';
import { IncidentsRepository } from './incidents.repository.js';

/** What other modules may read of incidents (dashboards, digest): a brand's unresolved incidents and period stats. */
@Injectable()
export class IncidentQueries {
  constructor(
    private readonly repo: IncidentsRepository,
    private readonly statsService: IncidentStatsService,
  ) {}

  /** Read through the small list of open incidents, never the history. */
  unresolved(brand: string): Promise<Incident[]> {
    return this.repo.unresolvedOf(brand);
  }

  stats(q: { brand: string; from: Date; to: Date }): Promise<IncidentStats> {
    return this.statsService.stats(q);
  }

  /** `goldenhour migrate`: moves an older database's incidents into month partitions and lists its unresolved ones in `incidents_open`. */
  migrate(): Promise<{ moved: number; open: number }> {
    return this.repo.migrate();
  }
}
