import { ConflictException, Injectable } from '@nestjs/common';
import type { Case } from '../core/cases/case.js';
import { queueEntryOf, type QueueEntry } from '../core/cases/queue.js';
import { Clock } from '../platform/clock.js';
import { CaseQueueRepository } from './case-queue.repository.js';
import { CasesRepository } from './cases.repository.js';

/** What else must happen when a case changes (the CRM sync subscribes). */
export type CaseChangeListener = (before: Case | null, after: Case) => Promise<void>;

/**
 * The one way a case is written: claim its new version, store the document where its state says, move its
 * queue entry, hold or release its thread, then tell the listeners. Each step is keyed by the case and
 * its version, so repeating a write after a crash changes nothing twice.
 */
@Injectable()
export class CaseWriter {
  private readonly listeners: CaseChangeListener[] = [];

  constructor(
    private readonly cases: CasesRepository,
    private readonly queue: CaseQueueRepository,
    private readonly clock: Clock,
  ) {}

  onChange(listener: CaseChangeListener): void {
    this.listeners.push(listener);
  }

  /**
   * Stores the new cases of one ingest batch with one insert per step (threads, cases, queue slots)
   * instead of several round trips per case; returns those stored (a case whose thread another case
   * holds, or that exists already, is left out).
   */
  async createMany(cases: readonly Case[]): Promise<Case[]> {
    if (!cases.length) return [];
    const held = await this.cases.claimThreads(cases.map((c) => ({ threadKey: c.threadKey, caseId: c._id })));
    // A new case's first version is claimed by its insert (`_id` unique); later changes claim theirs in case_versions.
    const stored = await this.cases.insertNewMany(cases.filter((c) => held.has(c.threadKey)));
    const bySlot = new Map<string, QueueEntry[]>();
    for (const c of stored) {
      const entry = queueEntryOf(c);
      if (entry) (bySlot.get(entry.slot) ?? bySlot.set(entry.slot, []).get(entry.slot)!).push(entry);
    }
    for (const [slot, entries] of bySlot) await this.queue.putMany(slot, entries);
    for (const c of stored) for (const l of this.listeners) await l(null, c);
    return stored;
  }

  /**
   * Applies `change` to the current case and stores the result; a concurrent change makes it read the
   * case again and retry. Returns the case as stored (unchanged when `change` changed nothing).
   */
  async update(id: string, change: (c: Case) => Case): Promise<Case | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await this.cases.get(id);
      if (!before) return null;
      const after = change(before);
      if (after === before) return before;
      if (!(await this.cases.claimVersion(id, after.version, this.clock.now()))) continue;
      await this.cases.save(after);
      await this.afterWrite(before, after);
      return after;
    }
    throw new ConflictException(`case ${id} kept changing while you acted on it; reload it and try again`);
  }

  private async afterWrite(before: Case | null, after: Case): Promise<void> {
    const was = before && queueEntryOf(before);
    const now = queueEntryOf(after);
    if (now) await this.queue.put(now, was?.slot);
    else if (was) await this.queue.remove(after._id, was.slot);
    if (after.state === 'resolved') await this.cases.releaseThread(after.threadKey, after._id);
    else if (before?.state === 'resolved') await this.cases.claimThread(after.threadKey, after._id);
    for (const l of this.listeners) await l(before, after);
  }
}
