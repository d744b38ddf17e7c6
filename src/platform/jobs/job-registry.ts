import { Injectable, Logger } from '@nestjs/common';
import type { Schedule } from '../../core/jobs/schedule.js';

/** One scheduled unit of work, declared once and run by the daemon (under leases), replay and tests alike. */
export interface JobDefinition {
  /** Also the lease scope of a job without units (`detection`, `outbox`, `source:weibo`). */
  name: string;
  /** One schedule, or one per unit (each source's cron). */
  schedule: Schedule | ((unit: string) => Schedule);
  /** The units the job runs as, each under its own lease `name:unit` (one per brand for detection); one unit when absent. */
  units?: () => Promise<string[]>;
  /** The work: a plain async function of the time it runs at (and its unit). */
  run: (now: Date, unit?: string) => Promise<unknown>;
  /** Due as soon as a daemon holds it for the first time (work that fell due while no daemon ran it). */
  runAtStart?: boolean;
  /** `/readyz` waits for this job's first runs in this daemon (the detectors' warm-up). */
  warmUp?: boolean;
  /** Work on this daemon's own memory (its dashboard snapshots): every daemon runs it, without a lease. */
  local?: boolean;
  /** Called when this daemon starts holding a unit it may not have run last: drop what it keeps in memory. */
  onTakeOver?: (unit?: string) => void;
}

/** A unit of a job: the lease scope it runs under and the unit name passed to `run`. */
export interface JobUnit {
  job: JobDefinition;
  scope: string;
  unit?: string;
}

export function scheduleOf(u: JobUnit): Schedule {
  return typeof u.job.schedule === 'function' ? u.job.schedule(u.unit ?? '') : u.job.schedule;
}

/**
 * Every scheduled unit of the daemon. Features declare their jobs here at module init; the scheduler runs
 * them with leases, `goldenhour replay` and tests call `run` on their own clock. Runs of one unit never
 * overlap within a process: a second call waits for the one going and then runs.
 */
@Injectable()
export class JobRegistry {
  private readonly logger = new Logger(JobRegistry.name);
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly running = new Map<string, Promise<void>>();

  declare(job: JobDefinition): void {
    if (this.jobs.has(job.name)) throw new Error(`job "${job.name}" is declared twice`);
    this.jobs.set(job.name, job);
  }

  all(): JobDefinition[] {
    return [...this.jobs.values()];
  }

  get(name: string): JobDefinition {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job named "${name}" (declared: ${[...this.jobs.keys()].join(', ')})`);
    return job;
  }

  /** The units of every job, each with its lease scope. */
  async units(): Promise<JobUnit[]> {
    const out: JobUnit[] = [];
    for (const job of this.jobs.values()) {
      if (!job.units) out.push({ job, scope: job.name });
      else for (const unit of await job.units()) out.push({ job, scope: `${job.name}:${unit}`, unit });
    }
    return out;
  }

  /** Runs a job now, without leases (tests, replay, CLI): each of its units in turn, or the one named. */
  async run(name: string, now: Date, unit?: string): Promise<void> {
    const job = this.get(name);
    const units = unit !== undefined ? [unit] : job.units ? await job.units() : [undefined];
    for (const u of units) await this.runUnit({ job, scope: u === undefined ? job.name : `${job.name}:${u}`, unit: u }, now);
  }

  /** One run of a unit; a failure is logged and returned (never thrown into a timer), a unit's next run tries again. */
  async runUnit(u: JobUnit, now: Date): Promise<{ error?: string }> {
    while (this.running.has(u.scope)) await this.running.get(u.scope);
    let error: string | undefined;
    const run = (async () => {
      const started = performance.now();
      try {
        await u.job.run(now, u.unit);
        this.logger.debug({ event: 'job_ran', scope: u.scope, ms: Math.round(performance.now() - started) });
      } catch (err) {
        error = (err as Error).message;
        this.logger.error({ event: `${u.job.name.replace(/[^a-z0-9]+/gi, '_')}_failed`, scope: u.scope, error });
      }
    })();
    this.running.set(u.scope, run);
    await run;
    this.running.delete(u.scope);
    return error === undefined ? {} : { error };
  }
}
