import { randomUUID } from 'node:crypto';
import type { mongo } from 'mongoose';
import { compactPartition, currentDocs, type DeltaDoc } from './delta-ledger.js';
import { insertKeepingFirst } from './duplicate-keys.js';

/** Counts by name: a change (delta) or a fold of them (summary), as JSON in `c`. */
export interface CountDoc extends DeltaDoc {
  c: string;
}

// A read folds the deltas once there are this many, so a read decodes a bounded number of documents.
const FOLD_AT = 24;

/**
 * Counts by name kept insert-only in one small collection, like the counter ledger
 * (platform/database/delta-ledger.ts): a writer inserts one delta `{c: JSON {name: ±n}}` per batch, a read
 * sums the latest summary and the deltas it has not folded, folding them once there are FOLD_AT, so no
 * job is needed. Nothing is updated or deleted with conditions: on the embedded server an `$inc` by `_id`
 * decoded the whole collection, and a conditional delete raced with concurrent counts. A fold keeps
 * negative counts (a decrement that arrived before its increment still meets it) and forgets zeros; a
 * read lists only names above zero.
 */
export class CountLedger {
  /** `group` names the documents' `_id`s (`d|group|uuid`, `s|group|gen`). */
  constructor(
    private readonly col: () => mongo.Collection<CountDoc>,
    private readonly group: string,
  ) {}

  /** The counts above zero. */
  async read(): Promise<Record<string, number>> {
    let docs = (await this.col().find({}).toArray()) as CountDoc[];
    if (docs.filter((d) => d.kind === 'd').length >= FOLD_AT) {
      await compactPartition(this.col(), () => this.group, (group, gen, include, folded) => ({ _id: `s|${group}|${gen}`, kind: 's', gen, folded: JSON.stringify(folded), c: JSON.stringify(sum(include)) }));
      docs = (await this.col().find({}).toArray()) as CountDoc[];
    }
    const out = sum(currentDocs(docs, () => this.group).get(this.group) ?? []);
    for (const name of Object.keys(out)) if (out[name]! <= 0) delete out[name];
    return out;
  }

  /** Records a batch's changes in one insert. */
  async add(changes: Record<string, number>): Promise<void> {
    if (Object.keys(changes).length) await this.col().insertOne({ _id: `d|${this.group}|${randomUUID()}`, kind: 'd', c: JSON.stringify(changes) });
  }

  /**
   * Records changes under ids of the caller's (one insert for all): a change whose id is there already is
   * refused, so a fold repeated after a crash, or run by two daemons at once, counts each change once.
   */
  async addKeyed(changes: readonly { id: string; counts: Record<string, number> }[]): Promise<void> {
    await insertKeepingFirst(this.col(), changes.map((c) => ({ _id: `d|${this.group}|${c.id}`, kind: 'd' as const, c: JSON.stringify(c.counts) })));
  }

  /**
   * Adds counts kept elsewhere before (a conversion): one delta with a fixed `_id`, so a second converter's
   * copy is refused while the first is unfolded (converters drop their source once done).
   */
  async start(counts: Record<string, number>): Promise<void> {
    await insertKeepingFirst(this.col(), [{ _id: `d|${this.group}|start`, kind: 'd', c: JSON.stringify(sum([{ _id: '', c: JSON.stringify(counts) }])) }]);
  }
}

function sum(docs: readonly CountDoc[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of docs) for (const [name, n] of Object.entries(JSON.parse(d.c) as Record<string, number>)) out[name] = (out[name] ?? 0) + n;
  for (const name of Object.keys(out)) if (out[name] === 0) delete out[name];
  return out;
}
