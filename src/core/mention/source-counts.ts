import { DAY_MS, floorTo, HOUR_MS } from './rollup.js';

/**
 * A brand's new mentions per source (the recipe or client that brought them) and UTC hour, kept per UTC day:
 * source → runs `[hour, count, hour, count, …]` (hours 0..23 in order, zero hours left out). What the cause
 * summary names when it says which sources grew; the counter ledger counts per platform only.
 */
export type SourceRuns = Record<string, number[]>;

/** A brand's source counts of one UTC day (epoch ms of its midnight). */
export interface DaySourceCounts {
  day: number;
  counts: SourceRuns;
}

/** One payload per brand and UTC day of a batch's new mentions that name their source. */
export function sourceCountsOf(mentions: readonly { brand: string; source?: string; publishedAt: Date }[]): { brand: string; day: number; counts: SourceRuns }[] {
  const sums = new Map<string, { brand: string; day: number; hours: Map<string, Map<number, number>> }>();
  for (const m of mentions) {
    if (!m.source) continue;
    const t = m.publishedAt.getTime();
    const day = floorTo(t, DAY_MS);
    const key = `${day}|${m.brand}`;
    const s = sums.get(key) ?? sums.set(key, { brand: m.brand, day, hours: new Map() }).get(key)!;
    const hours = s.hours.get(m.source) ?? s.hours.set(m.source, new Map()).get(m.source)!;
    const hour = (t - day) / HOUR_MS | 0;
    hours.set(hour, (hours.get(hour) ?? 0) + 1);
  }
  return [...sums.values()].map(({ brand, day, hours }) => ({ brand, day, counts: runsOf(hours) }));
}

/** The sum of several payloads of one brand and day. */
export function mergeSourceCounts(list: readonly SourceRuns[]): SourceRuns {
  const hours = new Map<string, Map<number, number>>();
  for (const counts of list) {
    for (const [source, runs] of Object.entries(counts)) {
      const h = hours.get(source) ?? hours.set(source, new Map()).get(source)!;
      for (let i = 0; i < runs.length; i += 2) h.set(runs[i]!, (h.get(runs[i]!) ?? 0) + runs[i + 1]!);
    }
  }
  return runsOf(hours);
}

/** Mentions per source published in the hours overlapping [from, to). */
export function sourceTotals(days: readonly DaySourceCounts[], from: number, to: number): Record<string, number> {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const { day, counts } of days) {
    for (const [source, runs] of Object.entries(counts)) {
      for (let i = 0; i < runs.length; i += 2) {
        const start = day + runs[i]! * HOUR_MS;
        if (start + HOUR_MS > from && start < to) out[source] = (out[source] ?? 0) + runs[i + 1]!;
      }
    }
  }
  return out;
}

function runsOf(hours: Map<string, Map<number, number>>): SourceRuns {
  const out: SourceRuns = Object.create(null) as SourceRuns;
  for (const [source, h] of hours) {
    const runs = [...h].filter(([, n]) => n !== 0).sort(([a], [b]) => a - b).flat();
    if (runs.length) out[source] = runs;
  }
  return out;
}
