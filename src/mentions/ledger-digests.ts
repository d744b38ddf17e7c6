import type { Connection } from 'mongoose';
import { hourlyPayload } from '../core/mention/hourly-payload.js';
import type { LedgerPayload } from '../core/mention/ledger.js';
import { DayDigests } from '../platform/database/day-digests.js';


/**
 * Month partitions of day digests for the counter ledger (see buckets.repository.ts): a brand's counters of one
 * UTC day with the 5-minute platform slots summed into hours, so a dashboard over 30 days reads two of them
 * instead of 30 day partitions, at a twelfth of the platform bytes. A digest is only ever read for a day wholly
 * inside an hourly range and with no dirty marker (nothing unfolded since its fold).
 */
export class LedgerDigests extends DayDigests<LedgerPayload> {
  constructor(connection: Connection, parse: (key: string, json: string) => LedgerPayload) {
    super(connection, 'counts_digest_', (payload) => JSON.stringify(hourlyPayload(payload)), parse);
  }
}
