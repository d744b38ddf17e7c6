import { ConflictException, Injectable } from '@nestjs/common';
import type { Case } from '../core/cases/case.js';
import { Clock } from '../platform/clock.js';
import { CaseAspectsService } from './case-aspects.service.js';
import { CaseIncidentClock } from './case-incident-clock.service.js';
import { CaseQueueRepository, type QueueMove } from './case-queue.repository.js';
import { CasesRepository } from './cases.repository.js';

/** What else must happen when a case changes (the CRM sync subscribes). */
export interface CaseChange {
  before: Case | null;
  after: Case;
}

/** Told the changes of one write: a batch of new cases at once, or one case's change. */
export type CaseChangeListener = (changes: readonly CaseChange[]) => Promise<void>;

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
    private readonly aspects: CaseAspectsService,
    private readonly incidentClock: CaseIncidentClock,
  ) {}

  /** Moves the open cases of a newly live incident's story onto its clock (the case SLA pass runs it). */
  adoptIncidents(): Promise<number> {
    return this.incidentClock.adopt((id, change) => this.update(id, change));
  }

  onChange(listener: CaseChangeListener): void {
    this.listeners.push(listener);
  }

  /**
   * Stores the new cases of one ingest batch with one insert per step (threads, cases, queue partitions)
   * instead of several round trips per case; returns those stored (a case whose thread another case
   * holds, or that exists already, is left out). Each is tagged with the aspects its text names and put
   * on a live incident's clock when it is in the incident's story (a repost of that story joins the
   * incident instead and is left out).
   */
  async createMany(cases: readonly Case[]): Promise<Case[]> {
    if (!cases.length) return [];
    const placed = await this.incidentClock.place(cases.map((c) => this.tagged(c)));
    const held = await this.cases.claimThreads(placed.map((c) => ({ threadKey: c.threadKey, caseId: c._id })));
    const tagged = placed.filter((c) => held.has(c.threadKey));
    // Where each entry goes is stored with the case, so its next change knows where to move it from.
    const moves = await this.queue.place(tagged.map((after) => ({ after })));
    // A new case's first version is claimed by its insert (`_id` unique); later changes claim theirs in case_versions.
    const stored = await this.cases.insertNewMany(tagged.map((c, i) => ({ ...c, queued: moves[i]!.placed })));
    const ids = new Set(stored.map((c) => c._id));
    await this.queue.move(moves.filter((m) => ids.has(m.id)));
    for (const l of this.listeners) await l(stored.map((after) => ({ before: null, after })));
    return stored;
  }

  private tagged(opened: Case): Case {
    const aspects = opened.aspects ?? this.aspects.of(opened.title ? `${opened.title}\n${opened.text}` : opened.text);
    return aspects.length ? { ...opened, aspects } : opened;
  }

  /**
   * Applies `change` to the current case and stores the result; a concurrent change makes it read the
   * case again and retry. Returns the case as stored (unchanged when `change` changed nothing).
   */
  async update(id: string, change: (c: Case) => Case): Promise<Case | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await this.cases.get(id);
      if (!before) return null;
      const changed = change(before);
      if (changed === before) return before;
      // Where the queue entry goes is stored with the case, so the next change knows where to move it from.
      const [move] = await this.queue.place([{ after: changed, before }]);
      const after: Case = { ...changed, queued: move!.placed };
      if (!(await this.cases.claimVersion(id, after.version, this.clock.now()))) continue;
      await this.cases.save(after);
      await this.afterWrite(before, after, move!);
      return after;
    }
    throw new ConflictException(`case ${id} kept changing while you acted on it; reload it and try again`);
  }

  private async afterWrite(before: Case | null, after: Case, move: QueueMove): Promise<void> {
    await this.queue.move([move]);
    if (after.state === 'resolved') await this.cases.releaseThread(after.threadKey, after._id);
    else if (before?.state === 'resolved') await this.cases.claimThread(after.threadKey, after._id);
    for (const l of this.listeners) await l([{ before, after }]);
  }
}
