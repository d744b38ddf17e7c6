import { Injectable } from '@nestjs/common';
import { SEVERITIES, type Severity } from '../core/rules/alert.js';
import type { IncidentStats } from '../core/sla/metrics.js';
import type { Incident } from '../incidents/incident.js';
import { IncidentQueries } from '../incidents/incident-queries.service.js';

/** The incident figures a dashboard shows. */
export interface IncidentPanel {
  /** Unresolved incidents of the brand now, by severity. */
  open: Record<Severity, number>;
  openTotal: number;
  /** Incidents opened in the period and how their SLA deadlines went. */
  opened: number;
  responseMet: number;
  responseBreached: number;
  solutionMet: number;
  solutionBreached: number;
  /** Share of decided deadlines met, percent; null when none is decided yet. */
  compliance: number | null;
  /** Median minutes to the first public response, over the period's incidents. */
  medianResponseMinutes: number | null;
}

/** Reads incidents for the dashboard and the digest, through what IncidentsModule exports. */
@Injectable()
export class IncidentsReader {
  constructor(private readonly incidents: IncidentQueries) {}

  async panel(brand: string, from: Date, to: Date): Promise<IncidentPanel> {
    // The period includes its end: an incident opened this very moment counts in a period ending now.
    const [unresolved, stats] = await Promise.all([this.unresolved(brand), this.stats(brand, from, new Date(to.getTime() + 1))]);
    const open = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const i of unresolved) open[i.severity] += 1;
    const row = stats?.compliance.byBrand.find((r) => r.key === brand);
    return {
      open,
      openTotal: unresolved.length,
      opened: stats?.incidents ?? 0,
      responseMet: row?.responseMet ?? 0,
      responseBreached: row?.responseBreached ?? 0,
      solutionMet: row?.solutionMet ?? 0,
      solutionBreached: row?.solutionBreached ?? 0,
      compliance: row?.compliance == null ? null : Math.round(row.compliance * 1000) / 10,
      medianResponseMinutes: stats?.timeToFirstResponse.medianMinutes ?? null,
    };
  }

  private unresolved(brand: string): Promise<Incident[]> {
    return this.incidents.unresolved(brand);
  }

  private async stats(brand: string, from: Date, to: Date): Promise<IncidentStats | null> {
    return this.incidents.stats({ brand, from, to });
  }
}
