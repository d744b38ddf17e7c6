import type { Connection } from 'mongoose';
import { hourlyPayload } from '../core/mention/hourly-payload.js';
import type { LedgerPayload } from '../core/mention/ledger.js';
import type { TopicDigest } from '../core/mention/topic-digest.js';
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

/**
 * Month partitions of day digests of the topic counters (`topics_digest_YYYYMM`): a brand's busiest topics of one
 * UTC day with their 5-minute runs, and the names of the others (see core/mention/topic-digest.ts), so the detection
 * pass reads a topic's 29 days of series from two small collections instead of 29 `topics_` day partitions. Read
 * only for a day with no dirty marker, like the counter digests.
 */
export class TopicDigests extends DayDigests<TopicDigest> {
  constructor(connection: Connection) {
    super(connection, 'topics_digest_', (payload) => JSON.stringify(payload), (_key, json) => JSON.parse(json) as TopicDigest);
  }
}
