import type { TopicCounts } from './contribution.js';
import { DAY_MS, HOUR_MS } from './rollup.js';

/** What this reads of a ledger day: its hourly aspect runs (see LedgerPayload in ledger.ts, which imports this). */
type AspectRuns = { a?: Record<string, readonly number[]> };

/**
 * Mentions per review aspect over the whole hours [start, end), by the polarity said about the aspect: the
 * ledger's hourly aspect counters (`a`: runs of [hour, total, negative, neutral, positive]) summed. Aspects
 * whose counts sum to nothing are left out.
 */

export function aspectSums(days: readonly { day: number; payload: AspectRuns }[], start: number, end: number): Map<string, TopicCounts> {
  const out = new Map<string, TopicCounts>();
  for (const { day, payload } of days) {
    if (day + DAY_MS <= start || day >= end || !payload.a) continue;
    const first = Math.max(0, (start - day) / HOUR_MS);
    const last = Math.min(24, (end - day) / HOUR_MS);
    for (const [aspect, runs] of Object.entries(payload.a)) {
      for (let i = 0; i < runs.length; i += 5) {
        if (runs[i]! < first || runs[i]! >= last) continue;
        let acc = out.get(aspect);
        if (!acc) out.set(aspect, (acc = { total: 0, negative: 0, neutral: 0, positive: 0 }));
        acc.total += runs[i + 1]!;
        acc.negative += runs[i + 2]!;
        acc.neutral += runs[i + 3]!;
        acc.positive += runs[i + 4]!;
      }
    }
  }
  for (const [aspect, a] of out) if (a.total === 0) out.delete(aspect);
  return out;
}
