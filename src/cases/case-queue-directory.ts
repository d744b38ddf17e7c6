import { randomUUID } from 'node:crypto';
import type { mongo } from 'mongoose';
import { keyCode, pageOf } from '../core/cases/queue-partitions.js';
import { compactPartition, currentDocs, type DeltaDoc } from '../platform/database/delta-ledger.js';
import { insertKeepingFirst } from '../platform/database/duplicate-keys.js';

/** A key's entry counts per partition: a change (delta) or a fold of them (summary), as JSON in `c`. */
interface DirDoc extends DeltaDoc {
  c: string;
}

// A read folds the key's deltas once there are this many, so a read decodes a bounded number of documents.
const FOLD_AT = 24;
const GROUP = 'dir';

/**
 * The reply queue's directory: which partitions of a key hold entries, and how many. Each key has its own
 * small collection `case_queue_dir_<keyCode>` kept like the counter ledger (platform/database/delta-ledger.ts):
 * a batch inserts one delta per key it changed, `{c: JSON {partition: ±n}}`, and a read sums the key's
 * latest summary and the deltas it has not folded, folding them once there are FOLD_AT. Nothing is updated
 * in place: an `$inc` by `_id` decoded the whole directory on the embedded server (120 of 338 ms of an
 * ingest batch of 100 mentions was those counters). Counts are raised before an entry's insert and lowered
 * after its delete, so they are never too low; a partition is forgotten when a fold finds it at 0.
 */
export class CaseQueueDirectory {
  constructor(private readonly db: () => mongo.Db) {}

  private dir(key: string): mongo.Collection<DirDoc> {
    return this.db().collection<DirDoc>(`case_queue_dir_${keyCode(key)}`);
  }

  /** A key's partitions with their entry counts (those at 0 left out). */
  async parts(key: string): Promise<Record<string, number>> {
    let docs = (await this.dir(key).find({}).toArray()) as DirDoc[];
    if (docs.filter((d) => d.kind === 'd').length >= FOLD_AT) {
      await compactPartition(this.dir(key), () => GROUP, (group, gen, include, folded) => ({ _id: `s|${group}|${gen}`, kind: 's', gen, folded: JSON.stringify(folded), c: JSON.stringify(sum(include)) }));
      docs = (await this.dir(key).find({}).toArray()) as DirDoc[];
    }
    return sum(currentDocs(docs, () => GROUP).get(GROUP) ?? []);
  }

  /** Records entry counts changed per key and partition: one delta insert per key. */
  async add(changes: ReadonlyMap<string, Record<string, number>>): Promise<void> {
    await Promise.all([...changes].map(([key, c]) => this.dir(key).insertOne({ _id: `d|${GROUP}|${randomUUID()}`, kind: 'd', c: JSON.stringify(c) })));
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
    // A document without `kind` is read as a generation-0 summary; a second converter's copy is refused.
    for (const [key, parts] of perKey) await insertKeepingFirst(this.dir(key), [{ _id: `s|${GROUP}|0`, c: JSON.stringify(sum([{ _id: '', c: JSON.stringify(parts) }])) }]);
    await Promise.all(['case_queue_pages', 'case_queue_keys'].filter((n) => names.has(n)).map((n) => this.db().dropCollection(n).catch(() => false)));
  }
}

function sum(docs: readonly DirDoc[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of docs) for (const [part, n] of Object.entries(JSON.parse(d.c) as Record<string, number>)) out[part] = (out[part] ?? 0) + n;
  for (const part of Object.keys(out)) if (out[part]! <= 0) delete out[part];
  return out;
}

/** Partition counts summed per directory page (a key's size is measured in pages: see partitionWidth). */
export function pagesOf(parts: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [part, n] of Object.entries(parts)) out[pageOf(part)] = (out[pageOf(part)] ?? 0) + n;
  return out;
}
