import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { SEVERITIES, type Severity } from '../core/rules/alert.js';
import type { IncidentStats } from '../core/sla/metrics.js';
import type { Incident } from '../incidents/incident.js';
import { IncidentStatsService } from '../incidents/incident-stats.service.js';
import { IncidentsRepository } from '../incidents/incidents.repository.js';

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

/**
 * Reads incidents for the dashboard and the digest. IncidentsModule exports neither a list nor its
 * stats service, so both are looked up by class (ModuleRef, non-strict) — read-only, and in one place
 * so it can move to an exported query service without touching the panels.
 */
@Injectable()
export class IncidentsReader {
  constructor(private readonly refs: ModuleRef) {}

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

  private async unresolved(brand: string): Promise<Incident[]> {
    const repo = this.find(IncidentsRepository);
    if (!repo) return [];
    const all = await repo.list({ brand }, 500);
    return all.filter((i) => i.state !== 'resolved');
  }

  private async stats(brand: string, from: Date, to: Date): Promise<IncidentStats | null> {
    return (await this.find(IncidentStatsService)?.stats({ brand, from, to })) ?? null;
  }

  private find<T>(type: new (...args: never[]) => T): T | null {
    try {
      return this.refs.get(type, { strict: false });
    } catch {
      return null;
    }
  }
}
