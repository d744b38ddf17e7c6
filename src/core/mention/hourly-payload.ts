import { BUCKET_MS, COUNTER_FIELDS } from './bucket.js';
import { HOUR_MS, PayloadSum, type LedgerPayload } from './ledger.js';

/**
 * A counts payload with its 5-minute platform slots summed into hours (each hour in its first slot, 12 × h):
 * what `rollupSums` reads of a day wholly inside an hourly range, at a twelfth of the bytes (a day's digest,
 * see mentions/ledger-digests.ts). The hourly groups stay as they are.
 */
export function hourlyPayload(p: LedgerPayload): LedgerPayload {
  if (!p.p) return p;
  const perHour = HOUR_MS / BUCKET_MS;
  const width = COUNTER_FIELDS.length;
  const sum = new PayloadSum();
  for (const [platform, runs] of Object.entries(p.p)) {
    for (let i = 0; i < runs.length; i += width + 1) sum.addSlot('p', platform, runs[i]! - (runs[i]! % perHour), runs, i + 1);
  }
  return { ...p, p: sum.payload().p ?? {} };
}
