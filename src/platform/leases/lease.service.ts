import { Injectable, Logger } from '@nestjs/common';
import { decide, EPOCHS_KEPT, epochAfterLoss, freedOf, isCurrent, mayAct, renewalHeld, validUntil, type Freed, type Hold } from '../../core/leases/lease.js';
import { Clock } from '../clock.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { Runtime } from '../runtime.js';
import { DaemonIdentity } from './daemon-identity.js';
import { currentHold, LeaseLost, underLease } from './fence.js';
import { LeaseRepository } from './lease.repository.js';

/** Tries at most this many epochs in one acquire (each a winner that died before writing the head). */
const MAX_EPOCH_TRIES = 3;

/**
 * The one lease mechanism: every scheduled unit, the alert evaluation and each outbox row in flight are
 * held through it. Decisions come from core/leases; this class only reads and writes the two collections.
 */
@Injectable()
export class LeaseService {
  private readonly logger = new Logger(LeaseService.name);
  private readonly handovers;
  /** When each lease another daemon holds runs out, as last read (the scheduler looks again at that moment). */
  private readonly busy = new Map<string, Date>();

  constructor(
    private readonly repo: LeaseRepository,
    private readonly clock: Clock,
    private readonly identity: DaemonIdentity,
    metrics: MetricsService,
    private readonly runtime: Runtime,
  ) {
    this.handovers = metrics.counter('goldenhour_lease_handovers_total', 'Leases taken over from another daemon (after its expiry or release)', ['job']);
  }

  get owner(): string {
    return this.identity.id;
  }

  /**
   * Takes or renews `scope` for `ttlMs`; undefined while another daemon holds it, or when the lease is
   * free but `mayTake` (told how and when it became free) declines it (load spreading).
   */
  async acquire(scope: string, ttlMs: number, owner = this.owner, mayTake?: (freed: Freed) => boolean): Promise<Hold | undefined> {
    const head = await this.repo.head(scope);
    // Judged when the head has arrived: a clock read from before the round trip would see an expired lease as live.
    const now = this.clock.now();
    const d = decide(head, owner, now);
    if (d.kind === 'busy') {
      this.busy.set(scope, d.until);
      return undefined;
    }
    this.busy.delete(scope);
    if (d.kind === 'take' && mayTake && !mayTake(freedOf(head))) return undefined;
    if (d.kind === 'renew') return this.renew({ scope, owner, epoch: d.epoch, since: head!.since, validUntil: head!.expiresAt }, ttlMs);
    let epoch: number | undefined = d.epoch;
    for (let i = 0; epoch !== undefined && i < MAX_EPOCH_TRIES; i++) {
      const expiresAt = validUntil(now, ttlMs);
      if (await this.repo.insertEpoch(scope, epoch, owner, now, expiresAt)) {
        if (!(await this.repo.writeHead({ scope, owner, epoch, since: now, expiresAt }))) return undefined;
        await this.repo.dropEpoch(scope, epoch - EPOCHS_KEPT);
        // Counted when the lease passes between daemons (not between two runs on demand of one daemon).
        if (d.from && d.from.split('/')[0] !== owner.split('/')[0]) {
          this.handovers.inc({ job: scope.split(':')[0]! });
          this.logger.log({ event: 'lease_taken_over', scope, epoch, from: d.from });
        }
        return { scope, owner, epoch, since: now, validUntil: expiresAt, ...(d.from ? { tookOverFrom: d.from } : {}) };
      }
      epoch = epochAfterLoss(await this.repo.epoch(scope, epoch), now);
    }
    return undefined;
  }

  /** Extends a hold; undefined when it was lost meanwhile (then the holder stops acting on it). */
  async renew(hold: Hold, ttlMs: number): Promise<Hold | undefined> {
    const askedAt = this.clock.now();
    if (!mayAct(hold, askedAt)) return undefined;
    const expiresAt = validUntil(askedAt, ttlMs);
    await this.repo.extend(hold.scope, hold.owner, hold.epoch, askedAt, expiresAt);
    if (!renewalHeld(hold, await this.repo.head(hold.scope), this.clock.now())) return undefined;
    // In place: work already running under this hold (see fence.ts) sees the new validity.
    hold.validUntil = expiresAt;
    return hold;
  }

  /**
   * Gives a hold back at once (graceful stop, end of a one-off unit), so the next claimant need not wait.
   * `freeSince` dates the end earlier: load spreading lets any daemon take a unit free for half a lease
   * whatever its share, which a daemon that is stopping wants for every unit it gives back.
   */
  async release(hold: Hold, freeSince = this.clock.now()): Promise<void> {
    await this.repo.end(hold.scope, hold.owner, hold.epoch, freeSince);
  }

  /** Removes a scope for good after its last hold (an outbox row once delivered). */
  forget(hold: Hold): Promise<void> {
    return this.repo.forget(hold.scope, hold.epoch);
  }

  /** Throws LeaseLost unless `hold` (by default the one the current job runs under) is still this process's. */
  async fence(hold: Hold | undefined = currentHold()): Promise<void> {
    if (!hold) return;
    const now = this.clock.now();
    if (!mayAct(hold, now)) throw new LeaseLost(hold.scope, `expired at ${hold.validUntil.toISOString()}`);
    const head = await this.repo.head(hold.scope);
    if (!isCurrent(head, hold, now)) throw new LeaseLost(hold.scope, `now epoch ${head?.epoch ?? 'none'} of ${head?.owner ?? 'nobody'}`);
  }

  /**
   * Runs `work` holding `scope`, waiting for it up to `waitMs` (polling every 100 ms), then releases it:
   * mutual exclusion across daemons for work started on demand (alert evaluation). On a private database
   * (`goldenhour replay`'s) no other daemon can run it: `work` runs at once, no lease written.
   */
  async exclusive<T>(scope: string, ttlMs: number, waitMs: number, work: () => Promise<T>): Promise<T> {
    if (this.runtime.privateDatabase) return work();
    const deadline = performance.now() + waitMs;
    let hold = await this.acquire(scope, ttlMs);
    while (!hold) {
      if (performance.now() > deadline) throw new Error(`${scope} is held by another daemon; try again later`);
      await new Promise((r) => setTimeout(r, 100));
      hold = await this.acquire(scope, ttlMs);
    }
    try {
      return await underLease(hold, work);
    } finally {
      await this.release(hold);
    }
  }

  /** The earliest expiry of these scopes' leases held elsewhere, as last read; undefined when none is known. */
  nextExpiry(scopes: Iterable<string>): Date | undefined {
    let first: Date | undefined;
    for (const scope of scopes) {
      const until = this.busy.get(scope);
      if (until && (!first || until < first)) first = until;
    }
    return first;
  }

  /** Every lease head, for status. */
  all() {
    return this.repo.all();
  }
}
