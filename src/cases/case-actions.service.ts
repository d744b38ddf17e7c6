import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { assign, CaseActionRefused, claim, markReplied, reopen, resolve, waitForCustomer } from '../core/cases/case-actions.js';
import type { Case } from '../core/cases/case.js';
import { keysOfFilter, pageComplete, partitionRange, readingOrder } from '../core/cases/queue-partitions.js';
import { compareQueue, matchesQueue, type QueueEntry, type QueueFilter } from '../core/cases/queue.js';
import { Clock } from '../platform/clock.js';
import { CaseQueueRepository } from './case-queue.repository.js';
import { CaseRulesService } from './case-rules.service.js';
import { CaseWriter } from './case-writer.service.js';
import { CasesRepository } from './cases.repository.js';

export type CaseAction =
  | { action: 'claim' }
  | { action: 'assign'; owner: string; team?: string }
  | { action: 'replied'; url: string }
  | { action: 'wait' }
  | { action: 'resolve'; note?: string }
  | { action: 'reopen'; reason?: string };

/** The reply queue's use cases: list the queue, read a case, act on one case or many. */
@Injectable()
export class CaseActionsService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly queue: CaseQueueRepository,
    private readonly writer: CaseWriter,
    private readonly rules: CaseRulesService,
    private readonly clock: Clock,
  ) {}

  /**
   * The open cases in queue order (earliest due, then widest reach). Reads the narrowest queue that holds
   * every match (brand with platform, owner, aspect, …) partition by partition, due first, and stops once
   * nothing unread can come before the page, so a page costs its key's directory and a few small
   * partitions, not the queue.
   */
  async list(filter: QueueFilter, limit: number): Promise<{ cases: QueueEntry[]; partitionsRead: number }> {
    const { key, parts } = await this.narrowest(keysOfFilter(filter));
    const order = readingOrder(parts);
    const found: QueueEntry[] = [];
    let read = 0;
    for (const part of order) {
      found.push(...(await this.queue.entries(key, part)).filter((e) => matchesQueue(e, filter)));
      read++;
      const next = order[read];
      if (pageComplete(found, next === undefined ? Infinity : partitionRange(next).start, limit)) break;
    }
    return { cases: found.sort(compareQueue).slice(0, limit), partitionsRead: read };
  }

  /** The key with the fewest entries (a brand-with-platform key is always the narrowest of its filter). */
  private async narrowest(keys: string[]): Promise<{ key: string; parts: Record<string, number> }> {
    const read = await Promise.all((keys[0]!.includes('&') ? keys.slice(0, 1) : keys).map(async (key) => ({ key, parts: await this.queue.parts(key) })));
    const size = (p: Record<string, number>) => Object.values(p).reduce((n, x) => n + Math.max(x, 0), 0);
    return read.reduce((a, b) => (size(b.parts) < size(a.parts) ? b : a));
  }

  /** Whether any case is open (replay keeps its clock ticking while one is). */
  async anyOpen(): Promise<boolean> {
    return readingOrder(await this.queue.parts('all')).length > 0;
  }

  async get(id: string): Promise<Case> {
    const c = await this.cases.get(id);
    if (!c) throw new NotFoundException(`no case "${id}"`);
    return c;
  }

  /** Applies one action by `by`; a refused action is a 409 that says what would be allowed. */
  async act(id: string, a: CaseAction, by: string, source?: string): Promise<Case> {
    const now = this.clock.now();
    try {
      const done = await this.writer.update(id, (c) => this.apply(c, a, by, now, source));
      if (!done) throw new NotFoundException(`no case "${id}"`);
      return done;
    } catch (err) {
      if (err instanceof CaseActionRefused) throw new ConflictException(err.message);
      throw err;
    }
  }

  /** The same action on many cases; each succeeds or fails on its own. */
  async bulk(ids: readonly string[], a: CaseAction, by: string): Promise<{ done: string[]; failed: { id: string; error: string }[] }> {
    const out = { done: [] as string[], failed: [] as { id: string; error: string }[] };
    for (const id of ids) {
      try {
        await this.act(id, a, by);
        out.done.push(id);
      } catch (err) {
        out.failed.push({ id, error: (err as Error).message });
      }
    }
    return out;
  }

  private apply(c: Case, a: CaseAction, by: string, now: Date, source?: string): Case {
    const who = source ? `${by} (${source})` : by;
    switch (a.action) {
      case 'claim':
        return claim(c, by, now);
      case 'assign':
        return assign(c, a.owner, a.team, who, now);
      case 'replied':
        return markReplied(c, a.url, who, now);
      case 'wait':
        return waitForCustomer(c, this.rules.terms(c.clock.policyId, c.team), who, now);
      case 'resolve':
        return resolve(c, who, now, a.note);
      case 'reopen':
        return reopen(c, who, now, a.reason);
    }
  }
}
