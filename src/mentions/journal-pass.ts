import { hoursBetween, type JournalEntry } from '../core/mention/journal.js';
import { PassReads } from '../platform/database/pass-reads.js';

/**
 * The journal as one detection pass reads it: each UTC hour's collection read once, whole, for every brand and
 * every evidence list of the pass, instead of once per brand (viral posts) and once per changed signal (top
 * mentions). After a burst an hour holds thousands of entries, and the embedded database decodes the whole hour
 * for any filter, so reading it three or ten times a pass was most of the pass.
 *
 * It lives for one pass only and is never the truth: an hour's journal can still grow (a client's late
 * `observedAt`, another daemon's ingest) or lose entries (an erasure rewrites its documents), so the next pass
 * reads every hour again, as a pass that kept nothing would.
 */
export class JournalPass {
  private readonly hours: PassReads<number, readonly JournalEntry[]>;

  /** `readHour`: every entry of the hour starting at the given epoch ms (an hour without a collection: none). */
  constructor(readHour: (hour: number) => Promise<readonly JournalEntry[]>) {
    this.hours = new PassReads(readHour);
  }

  /** Entries observed in [from, to), hour by hour (each hour's entries in the order they were stored). */
  async entries(from: Date, to: Date): Promise<JournalEntry[]> {
    const lo = from.getTime();
    const hi = to.getTime();
    const out: JournalEntry[] = [];
    for (const hour of hoursBetween(lo, hi)) {
      for (const e of await this.hours.get(hour)) if (e.t >= lo && e.t < hi) out.push(e);
    }
    return out;
  }
}
