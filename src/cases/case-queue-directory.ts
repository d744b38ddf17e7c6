import type { mongo } from 'mongoose';
import { keyCode, pageOf } from '../core/cases/queue-partitions.js';
import { CountLedger, type CountDoc } from '../platform/database/count-ledger.js';

/**
 * The reply queue's directory: which partitions of a key hold entries, and how many. Each key has its own
 * small collection `case_queue_dir_<keyCode>`, a count ledger (platform/database/count-ledger.ts): a batch
 * inserts one delta per key it changed, `{c: JSON {partition: ±n}}`, and a read folds. Nothing is updated
 * in place: an `$inc` by `_id` decoded the whole directory on the embedded server (120 of 338 ms of an
 * ingest batch of 100 mentions was those counters). Counts are raised before an entry's insert and lowered
 * after its delete, so they are never too low; a partition is forgotten when a fold finds it at 0.
 */
export class CaseQueueDirectory {
  constructor(private readonly db: () => mongo.Db) {}

  private ledger(key: string): CountLedger {
    return new CountLedger(() => this.db().collection<CountDoc>(`case_queue_dir_${keyCode(key)}`), 'dir');
  }

  /** A key's partitions with their entry counts (those at 0 left out). */
  parts(key: string): Promise<Record<string, number>> {
    return this.ledger(key).read();
  }

  /** Records entry counts changed per key and partition: one delta insert per key. */
  async add(changes: ReadonlyMap<string, Record<string, number>>): Promise<void> {
    await Promise.all([...changes].map(([key, c]) => this.ledger(key).add(c)));
  }

  /** Records each staged batch's counts per key under the batch's id (case-queue-stage.ts folds): one insert per key. */
  async addBatches(changes: ReadonlyMap<string, readonly { batch: string; parts: Record<string, number> }[]>): Promise<void> {
    await Promise.all([...changes].map(([key, c]) => this.ledger(key).addKeyed(c.map((b) => ({ id: b.batch, counts: b.parts })))));
  }

  /**
   * Once, for a directory stored before it was kept as deltas (`case_queue_keys` and `case_queue_pages`
   * updated with `$inc`): each key's counts become its first summary, then the old collections go.
   */
  async convertOld(): Promise<void> {
    const names = new Set((await this.db().listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
    if (!names.has('case_queue_pages')) return;
    const perKey = new Map<string, Record<string, number>>();
    for (const p of await this.db().collection<{ _id: string; parts: Record<string, number> }>('case_queue_pages').find({}).toArray()) {
      const key = p._id.slice(0, p._id.lastIndexOf('\n'));
      Object.assign(perKey.get(key) ?? perKey.set(key, {}).get(key)!, p.parts);
    }
    for (const [key, parts] of perKey) await this.ledger(key).start(parts);
    await Promise.all(['case_queue_pages', 'case_queue_keys'].filter((n) => names.has(n)).map((n) => this.db().dropCollection(n).catch(() => false)));
  }
}

/** Partition counts summed per directory page (a key's size is measured in pages: see partitionWidth). */
export function pagesOf(parts: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [part, n] of Object.entries(parts)) {
    const page = pageOf(part);
    out[page] = (out[page] ?? 0) + n;
  }
  return out;
}
