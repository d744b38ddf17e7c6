import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { fairShare, liveDaemons, mayTakeUnit } from '../../core/jobs/fair-share.js';
import { lagMs, nextRunAfter } from '../../core/jobs/schedule.js';
import { mayAct, renewDue, type Freed, type Hold } from '../../core/leases/lease.js';
import { Clock } from '../clock.js';
import { AppConfig } from '../config/app-config.js';
import { Readiness } from '../health/readiness.js';
import { DaemonIdentity } from '../leases/daemon-identity.js';
import { underLease } from '../leases/fence.js';
import { LeaseService } from '../leases/lease.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { Runtime } from '../runtime.js';
import { JobRegistry, scheduleOf, type JobUnit } from './job-registry.js';
import { JobRunsRepository } from './job-runs.repository.js';

/** Units come and go with brands and recipes; the list is read again this often. */
const UNITS_EVERY_MS = 10_000;

interface UnitState {
  unit: JobUnit;
  hold?: Hold;
  nextRunAt?: number;
  running?: Promise<void>;
  /** A renewal in flight (a release waits for it, or the renewal could outlive the release). */
  renewing?: Promise<void>;
  /** Asked to run again while running (see nudge). */
  again?: boolean;
}

/**
 * Runs the job registry in the daemon: every tick it takes or renews the lease of each unit it can, and
 * starts the units that are due and held here. Cadence follows the wall clock; the work gets the app's
 * clock. A unit another daemon holds is left alone until that lease expires (a dead daemon) or is released
 * (a graceful stop), then taken over with its rhythm read from `job_runs`.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly states = new Map<string, UnitState>();
  private readonly startedAt = new Date();
  private timer?: NodeJS.Timeout;
  private renewTimer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private stopping = false;
  private unitsAt = 0;
  private refreshing?: Promise<void>;
  private beatAt = 0;
  /** Set by a take-over from another daemon, which may have left: the live daemons are counted again next tick. */
  private recount = false;
  /** Live daemons on the database (self included), read with each heartbeat: the divisor of the fair share. */
  private live = 1;
  /** Daemons whose run-out lease this one took, and when: not counted live until they beat again (fair-share). */
  private readonly lapsed = new Map<string, Date>();
  private readonly metrics;

  constructor(
    private readonly registry: JobRegistry,
    private readonly leases: LeaseService,
    private readonly runs: JobRunsRepository,
    private readonly identity: DaemonIdentity,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly runtime: Runtime,
    private readonly readiness: Readiness,
    metrics: MetricsService,
  ) {
    this.metrics = {
      lag: metrics.gauge('goldenhour_job_lag_seconds', 'How late the last run of a job started against its due time', ['job']),
      runs: metrics.counter('goldenhour_job_runs_total', 'Job runs in this daemon by outcome', ['job', 'outcome']),
      held: metrics.gauge('goldenhour_leases_held', 'Job leases this daemon holds'),
    };
  }

  private get ttlMs(): number {
    return this.config.cluster.leaseSeconds * 1000;
  }

  onApplicationBootstrap(): void {
    if (!this.runtime.scheduling) return;
    const at = Date.now();
    const first = this.tick();
    // Ready once the warm-up jobs this daemon holds have run once (another daemon's are its own business).
    for (const job of this.registry.all().filter((j) => j.warmUp)) {
      this.readiness.track(job.name, first.then(() => Promise.all([...this.states.values()].filter((s) => s.unit.job === job).map((s) => s.running))));
    }
    this.ticking = first.finally(() => this.next(at));
    this.renewLoop();
  }

  /**
   * Renewals run on a timer of their own, every tick, never waiting for a tick (which may wait on the
   * database for takes, heartbeats or a unit list) nor for work: a held lease is extended once a third of it is gone.
   */
  private renewLoop(): void {
    if (this.stopping) return;
    this.renewTimer = setTimeout(() => void this.renewHeld().finally(() => this.renewLoop()), this.config.cluster.tickMs);
    this.renewTimer.unref();
  }

  private async renewHeld(): Promise<void> {
    const now = this.clock.now();
    const due = [...this.states.values()].filter((s) => s.hold && !s.renewing && renewDue(s.hold, this.ttlMs, now));
    await Promise.all(
      due.map((s) => {
        const had = s.hold!;
        s.renewing = (async () => {
          // The database is away: the hold runs out by itself (renew answers undefined once it has).
          const renewed = await this.leases.renew(had, this.ttlMs).catch((err: Error) => {
            this.logger.warn({ event: 'lease_step_failed', scope: s.unit.scope, error: err.message });
            return had;
          });
          if (renewed || s.hold !== had) return;
          s.hold = undefined;
          this.logger.warn({ event: 'lease_lost', scope: s.unit.scope, epoch: had.epoch });
        })().finally(() => (s.renewing = undefined));
        return s.renewing;
      }),
    );
  }

  /**
   * Ticks at a fixed rate (a slow tick shortens the pause after it, down to a quarter tick so a starved
   * daemon does not spin on the database), and early when a lease held elsewhere runs out: a dead holder's
   * unit is taken a round trip after its expiry, not up to a tick plus a tick's duration later.
   */
  private next(startedAt: number): void {
    if (this.stopping) return;
    const tickMs = this.config.cluster.tickMs;
    let delay = Math.max(tickMs / 4, startedAt + tickMs - Date.now());
    const free = [...this.states.values()].filter((s) => !s.hold && !s.unit.job.local).map((s) => s.unit.scope);
    const untilExpiry = (this.leases.nextExpiry(free)?.getTime() ?? Infinity) - this.clock.now().getTime();
    if (untilExpiry > 0) delay = Math.min(delay, untilExpiry + 1);
    this.timer = setTimeout(() => {
      const at = Date.now();
      this.ticking = this.tick().finally(() => this.next(at));
    }, delay);
    this.timer.unref();
  }

  /** Runs a unit held here as soon as possible (new work arrived, e.g. an outbox row); other daemons find it at their next run. */
  nudge(scope: string): void {
    const s = this.states.get(scope);
    if (!s?.hold || this.stopping) return;
    s.nextRunAt = 0;
    if (s.running) s.again = true;
    else s.running = this.execute(s, s.hold).finally(() => (s.running = undefined));
  }

  /**
   * On SIGTERM the daemon leaves at once: no new runs; its heartbeat goes first (the others' fair share no
   * longer counts it), then every lease goes back, a running one after at most one tick more — a run still
   * going then finds its lease gone at its next fenced write and stops there, as after any lost lease (its
   * work is idempotent; the next holder does it again). A rolling restart hands work over in about a tick.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.runtime.scheduling) return;
    this.stopping = true;
    clearTimeout(this.timer);
    clearTimeout(this.renewTimer);
    // A tick waits on the database; one that has not answered within a lease is not waited for (its leases run out anyway).
    await Promise.race([this.ticking, new Promise((r) => setTimeout(r, this.ttlMs).unref())]);
    await this.runs.gone(this.identity.id).catch(() => undefined);
    const graceMs = this.config.cluster.tickMs;
    const released = await Promise.all(
      [...this.states.values()].map(async (s) => {
        await s.renewing;
        if (s.running) await Promise.race([s.running, new Promise((r) => setTimeout(r, graceMs).unref())]);
        const hold = s.hold;
        if (!hold) return 0;
        s.hold = undefined;
        hold.validUntil = this.clock.now(); // a run still going may no longer act on it (fence.ts)
        // Dated half a lease back: the next daemon takes it at its next tick, even one already holding its share.
        await this.leases.release(hold, new Date(this.clock.now().getTime() - this.ttlMs / 2)).catch(() => undefined);
        return 1;
      }),
    );
    this.logger.log({ event: 'leases_released', count: released.reduce((a: number, b) => a + b, 0) });
  }

  private async tick(): Promise<void> {
    const wall = Date.now();
    if (wall - this.unitsAt >= UNITS_EVERY_MS && !this.refreshing) {
      // Units come from the main connection (brands), which a long query may hold for seconds: read beside the
      // tick, never in the way of renewals (waited for only before the first tick has any unit to step).
      this.unitsAt = wall;
      this.refreshing = this.refreshUnits()
        .catch((err: Error) => {
          this.unitsAt = 0; // tried again next tick
          this.logger.warn({ event: 'scheduler_units_failed', error: err.message });
        })
        .finally(() => (this.refreshing = undefined));
      if (this.states.size === 0) await this.refreshing;
    }
    try {
      if (wall - this.beatAt >= this.ttlMs / 3 || this.recount) await this.beat(wall);
    } catch (err) {
      this.logger.warn({ event: 'scheduler_tick_failed', error: (err as Error).message });
    }
    const room = await this.spreadLoad();
    // All units at once: a tick lasts one round trip, not one per unit, so renewals are never late behind each other.
    await Promise.all(
      [...this.states.values()].map((s) =>
        this.step(s, wall, room).catch((err: Error) => {
          // The database is away: holds run out by themselves and are taken again once it is back.
          this.logger.warn({ event: 'lease_step_failed', scope: s.unit.scope, error: err.message });
        }),
      ),
    );
    this.metrics.held.set([...this.states.values()].filter((s) => s.hold).length);
  }

  /**
   * Load spreading (core/jobs/fair-share): gives one unit back when this daemon holds more than its share,
   * and returns how many more it may take this tick (a counter the unit steps draw from).
   */
  private async spreadLoad(): Promise<{ left: number }> {
    const shared = [...this.states.values()].filter((s) => !s.unit.job.local);
    const held = shared.filter((s) => s.hold);
    const room = fairShare(shared.length, this.live) - held.length;
    const spare = room < 0 && !this.stopping ? held.find((s) => !s.running) : undefined;
    if (spare) {
      const hold = spare.hold!;
      spare.hold = undefined;
      await spare.renewing;
      await this.leases.release(hold).catch(() => undefined);
      this.logger.log({ event: 'lease_shed', scope: spare.unit.scope, epoch: hold.epoch, held: held.length - 1, live: this.live });
    }
    return { left: room };
  }

  private async refreshUnits(): Promise<void> {
    const units = await this.registry.units();
    const seen = new Set(units.map((u) => u.scope));
    for (const u of units) if (!this.states.has(u.scope)) this.states.set(u.scope, { unit: u });
    for (const [scope, s] of this.states) if (!seen.has(scope) && !s.running) this.states.delete(scope);
  }

  private async beat(wall: number): Promise<void> {
    if (this.beatAt === 0) await this.runs.pruneDaemons(new Date(wall - 86_400_000));
    await this.runs.beat({ id: this.identity.id, host: this.identity.host, pid: this.identity.pid, startedAt: this.startedAt, seenAt: new Date(wall), url: this.config.publicUrl });
    this.beatAt = wall;
    this.recount = false;
    for (const [id, at] of this.lapsed) if (wall - at.getTime() > this.ttlMs) this.lapsed.delete(id); // its heartbeat is stale by now
    this.live = Math.max(1, liveDaemons(await this.runs.daemonsSeen(), new Date(wall), this.ttlMs, this.lapsed));
  }

  /** Takes or renews the unit's lease, then starts it if it is due and not already running here. */
  private async step(s: UnitState, wall: number, room: { left: number }): Promise<void> {
    if (this.stopping) return;
    if (s.unit.job.local) return this.stepLocal(s, wall);
    if (!s.hold) {
      // Decided right after the head is read, so units stepping together never take more than the room.
      let ranOut = false;
      const mayTake = (freed: Freed) => {
        if (!mayTakeUnit(room.left, freed, this.clock.now(), this.ttlMs)) return false;
        room.left--;
        ranOut = !!freed.since && !freed.givenBack;
        return true;
      };
      const hold = await this.leases.acquire(s.unit.scope, this.ttlMs, undefined, mayTake);
      if (!hold) return;
      s.hold = hold;
      // Taken from another daemon (it died or left): count the live daemons again before the next spreading.
      if (hold.tookOverFrom) this.recount = true;
      if (hold.tookOverFrom && ranOut) this.lapsed.set(hold.tookOverFrom, hold.since);
      await this.takeUp(s, hold, wall);
      if (s.hold !== hold) return; // lost again while reading its rhythm (a starved process)
    }
    if (s.running || this.stopping || wall < (s.nextRunAt ?? Infinity)) return;
    s.running = this.execute(s, s.hold).finally(() => (s.running = undefined));
  }

  /** A job every daemon runs for itself: due on its own rhythm, no lease, no shared record. */
  private async stepLocal(s: UnitState, wall: number): Promise<void> {
    const { job } = s.unit;
    s.nextRunAt ??= job.runAtStart ? wall : nextRunAfter(scheduleOf(s.unit), new Date(wall))?.getTime();
    if (s.running || this.stopping || wall < (s.nextRunAt ?? Infinity)) return;
    s.running = (async () => {
      const started = new Date();
      const { error } = await this.registry.runUnit(s.unit, this.clock.now());
      this.metrics.runs.inc({ job: job.name, outcome: error ? 'failed' : 'ok' });
      s.nextRunAt = nextRunAfter(scheduleOf(s.unit), started)?.getTime();
    })().finally(() => (s.running = undefined));
  }

  /** A unit newly held here: forget what memory says about it, continue its rhythm from the last run. */
  private async takeUp(s: UnitState, hold: Hold, wall: number): Promise<void> {
    const { job } = s.unit;
    job.onTakeOver?.(s.unit.unit);
    const last = await this.runs.get(s.unit.scope);
    s.nextRunAt = last?.nextRunAt?.getTime() ?? (job.runAtStart ? wall : nextRunAfter(scheduleOf(s.unit), new Date(wall))?.getTime());
    this.logger.log({ event: 'lease_taken', scope: s.unit.scope, epoch: hold.epoch, from: hold.tookOverFrom, nextRunAt: s.nextRunAt ? new Date(s.nextRunAt).toISOString() : null });
  }

  private async execute(s: UnitState, hold: Hold): Promise<void> {
    const { job } = s.unit;
    const dueAt = s.nextRunAt ? new Date(s.nextRunAt) : undefined; // 0: nudged, not late
    const started = new Date();
    const lag = lagMs(dueAt, started);
    this.metrics.lag.set({ job: job.name }, lag / 1000);
    const { error } = await underLease(hold, () => this.registry.runUnit(s.unit, this.clock.now()));
    this.metrics.runs.inc({ job: job.name, outcome: error ? 'failed' : 'ok' });
    s.nextRunAt = s.again ? 0 : nextRunAfter(scheduleOf(s.unit), started)?.getTime();
    s.again = false;
    if (s.hold !== hold || !mayAct(hold, this.clock.now())) return; // lost meanwhile: the new holder keeps the record
    await this.runs
      .save({ scope: s.unit.scope, job: job.name, by: this.identity.id, lastStartedAt: started, lastFinishedAt: new Date(), lastError: error, lagMs: lag, nextRunAt: s.nextRunAt ? new Date(s.nextRunAt) : undefined })
      .catch((err: Error) => this.logger.warn({ event: 'job_run_record_failed', scope: s.unit.scope, error: err.message }));
  }
}
