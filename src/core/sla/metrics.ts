import { breaches, type Milestones, type SlaClock } from './clock.js';

/** What the metrics need of one incident. */
export interface IncidentTimes {
  brand: string;
  team?: string;
  openedAt: Date;
  milestones: Milestones;
  clock: SlaClock;
}

/** Summary of one duration over many incidents, in minutes; null when no incident has it yet. */
export interface DurationStats {
  count: number;
  meanMinutes: number | null;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

/** SLA outcome counts for one group; compliance counts only decided clocks (met or breached). */
export interface ComplianceRow {
  key: string;
  incidents: number;
  responseMet: number;
  responseBreached: number;
  solutionMet: number;
  solutionBreached: number;
  /** Share of decided response and solution deadlines that were met, 0..1; null when none is decided. */
  compliance: number | null;
}

export interface IncidentStats {
  incidents: number;
  timeToAcknowledge: DurationStats;
  timeToFirstResponse: DurationStats;
  timeToInitialSolution: DurationStats;
  compliance: { byBrand: ComplianceRow[]; byTeam: ComplianceRow[]; byWeek: ComplianceRow[] };
}

/** Response-time figures and SLA compliance per brand, team and ISO week (UTC) as of `now`. */
export function incidentStats(items: IncidentTimes[], now: Date): IncidentStats {
  const since = (pick: (m: Milestones) => Date | undefined) =>
    durationStats(items.flatMap((i) => {
      const at = pick(i.milestones);
      return at ? [(at.getTime() - i.openedAt.getTime()) / 60_000] : [];
    }));
  return {
    incidents: items.length,
    timeToAcknowledge: since((m) => m.acknowledged),
    timeToFirstResponse: since((m) => m.responded),
    timeToInitialSolution: since((m) => m.mitigated),
    compliance: {
      byBrand: compliance(items, now, (i) => i.brand),
      byTeam: compliance(items, now, (i) => i.team ?? '(unassigned)'),
      byWeek: compliance(items, now, (i) => isoWeek(i.openedAt)),
    },
  };
}

/** Mean, median and 90th percentile (nearest rank) of durations in minutes. */
export function durationStats(minutes: number[]): DurationStats {
  if (minutes.length === 0) return { count: 0, meanMinutes: null, medianMinutes: null, p90Minutes: null };
  const sorted = [...minutes].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    count: sorted.length,
    meanMinutes: round(sorted.reduce((s, x) => s + x, 0) / sorted.length),
    medianMinutes: round(median),
    p90Minutes: round(rank(0.9)),
  };
}

function compliance(items: IncidentTimes[], now: Date, keyOf: (i: IncidentTimes) => string): ComplianceRow[] {
  const rows = new Map<string, ComplianceRow>();
  for (const item of items) {
    const key = keyOf(item);
    const row = rows.get(key) ?? { key, incidents: 0, responseMet: 0, responseBreached: 0, solutionMet: 0, solutionBreached: 0, compliance: null };
    row.incidents++;
    for (const b of breaches(item.clock, item.milestones, now)) {
      if (b.status === 'pending') continue;
      const field = `${b.kind === 'response-breach' ? 'response' : 'solution'}${b.status === 'met' ? 'Met' : 'Breached'}` as const;
      row[field]++;
    }
    rows.set(key, row);
  }
  for (const row of rows.values()) {
    const met = row.responseMet + row.solutionMet;
    const decided = met + row.responseBreached + row.solutionBreached;
    row.compliance = decided ? Math.round((met / decided) * 1000) / 1000 : null;
  }
  return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** ISO-8601 week of a UTC date, e.g. `2026-W48`. */
export function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
