import type { Placement } from './case.js';
import type { QueueEntry } from './queue.js';

/**
 * The reply queue's stage (cases/case-queue-stage.ts): a batch of new cases is written as ONE document
 * holding every entry with the partitions it goes to, instead of one insert per key's partition and one
 * directory delta per key (29 of ~39 round trips of an ingest batch of 100). A fold later copies staged
 * entries into their partitions. Until then a read counts and lists them from the stage as well.
 *
 * A change that moves a case out of a partition while its first entry may still be staged leaves a
 * marker (the case, the version of the change, the partitions it left). A staged entry, or a copy the fold
 * wrote late, at a partition a newer change left is stale: reads skip it and the fold deletes it.
 */

/** A queue entry with the version of the case it shows. */
export interface VersionedEntry {
  entry: QueueEntry;
  v: number;
}

/** One new case of a staged batch: its entry, version and partitions. */
export interface StagedMove extends VersionedEntry {
  placed: Placement[];
}

/** A change of `caseId` to version `v` moved its entry out of `left`. */
export interface LeftMarker {
  caseId: string;
  v: number;
  left: Placement[];
}

export const placementId = (p: Placement) => `${p.key}\n${p.part}`;

/** What the stage holds, indexed for reads: staged entries per partition, counts per key, markers per case. */
export class StageView {
  private readonly byPlacement = new Map<string, VersionedEntry[]>();
  private readonly byKey = new Map<string, Record<string, number>>();
  private readonly leftBy = new Map<string, LeftMarker[]>();

  constructor(moves: readonly StagedMove[], markers: readonly LeftMarker[]) {
    for (const m of moves) {
      for (const p of m.placed) {
        const id = placementId(p);
        (this.byPlacement.get(id) ?? this.byPlacement.set(id, []).get(id)!).push(m);
        const counts = this.byKey.get(p.key) ?? this.byKey.set(p.key, {}).get(p.key)!;
        counts[p.part] = (counts[p.part] ?? 0) + 1;
      }
    }
    for (const l of markers) (this.leftBy.get(l.caseId) ?? this.leftBy.set(l.caseId, []).get(l.caseId)!).push(l);
  }

  /** Staged entries per partition of a key (added to the key's directory counts). */
  counts(key: string): Record<string, number> {
    return this.byKey.get(key) ?? {};
  }

  /** Staged entries placed in one partition of a key. */
  staged(key: string, part: string): VersionedEntry[] {
    return this.byPlacement.get(placementId({ key, part })) ?? [];
  }

  /** Whether a change newer than version `v` of a case moved its entry out of `p`. */
  stale(caseId: string, v: number, p: Placement): boolean {
    const id = placementId(p);
    return (this.leftBy.get(caseId) ?? []).some((l) => l.v > v && l.left.some((x) => placementId(x) === id));
  }
}

/**
 * One partition's entries from its stored documents and the stage: stale copies left out, and of two
 * copies of a case the newer version kept (a change rewrites a partition it keeps while its first entry
 * may still be staged).
 */
export function partitionEntries(p: Placement, stored: readonly VersionedEntry[], view: StageView): QueueEntry[] {
  const newest = new Map<string, VersionedEntry>();
  for (const x of [...stored, ...view.staged(p.key, p.part)]) {
    if (view.stale(x.entry._id, x.v, p)) continue;
    const seen = newest.get(x.entry._id);
    if (!seen || seen.v < x.v) newest.set(x.entry._id, x);
  }
  return [...newest.values()].map((x) => x.entry);
}

/** Counts per partition of a key: its directory plus what the stage holds (those at 0 or below left out). */
export function withStaged(parts: Record<string, number>, staged: Record<string, number>): Record<string, number> {
  const out = { ...parts };
  for (const [part, n] of Object.entries(staged)) out[part] = (out[part] ?? 0) + n;
  for (const part of Object.keys(out)) if (out[part]! <= 0) delete out[part];
  return out;
}

/** A fold's work: per partition, the staged entries to insert; per key, each batch's counts by partition. */
export function foldPlan(batches: readonly { id: string; moves: readonly StagedMove[] }[]): {
  inserts: Map<string, { p: Placement; entries: VersionedEntry[] }>;
  counts: Map<string, { batch: string; parts: Record<string, number> }[]>;
} {
  const inserts = new Map<string, { p: Placement; entries: VersionedEntry[] }>();
  const counts = new Map<string, { batch: string; parts: Record<string, number> }[]>();
  for (const b of batches) {
    const mine = new Map<string, Record<string, number>>();
    for (const m of b.moves) {
      for (const p of m.placed) {
        const id = placementId(p);
        (inserts.get(id) ?? inserts.set(id, { p, entries: [] }).get(id)!).entries.push(m);
        const c = mine.get(p.key) ?? mine.set(p.key, {}).get(p.key)!;
        c[p.part] = (c[p.part] ?? 0) + 1;
      }
    }
    for (const [key, parts] of mine) (counts.get(key) ?? counts.set(key, []).get(key)!).push({ batch: b.id, parts });
  }
  return { inserts, counts };
}
