import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppModule } from '../app.module.js';
import { AlertsService } from '../alerts/alerts.service.js';
import type { OutboxItem } from '../notifications/outbox.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { DatabaseAdmin } from '../platform/database/database-admin.repository.js';
import { BrandsService } from '../brands/brands.service.js';
import { StoriesService } from '../stories/stories.service.js';
import { CaseActionsService } from '../cases/case-actions.service.js';
import { CaseSlaService } from '../cases/case-sla.service.js';
import { DetectionService } from '../detection/detection.service.js';
import { EscalationService } from '../incidents/escalation.service.js';
import { IncidentActionsService, type ActionInput } from '../incidents/incident-actions.service.js';
import { IncidentEventsService, type IncidentEvent } from '../incidents/incident-events.service.js';
import { SlaEscalationService } from '../incidents/sla-escalation.service.js';
import { defaultRulesDir } from '../platform/config/sla-files.js';
import { BUCKET_MS } from '../core/mention/bucket.js';
import { IngestService } from '../mentions/ingest.service.js';
import { ManualClock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { loadConfig } from '../platform/config/load-config.js';
import { configSchema, type TeamConfig } from '../platform/config/schema.js';
import { openDatabase } from '../platform/database/embedded-database.js';
import { JobRegistry } from '../platform/jobs/job-registry.js';
import { parseScenario, ScenarioError, type ActionLine, type MentionLine, type ScenarioLine, type TimedLine } from './replay-scenario.js';

/** The events replay prints; the board's `incident_updated` is left out. */
const PRINTED = new Set(['alert', 'notification', 'escalation', 'sla_breach', 'incident_state']);
const MINUTE = 60_000;
/** Simulated time between settlings of later story reach, and between whole ledger compactions (see Replayer.tick). */
const SETTLE_EVERY_MS = 30 * MINUTE;
const FOLD_EVERY_MS = 2 * 60 * MINUTE;

/** Notified when a scenario names no team: one person per escalation role. */
const REPLAY_TEAM: TeamConfig = {
  id: 'responders',
  name: 'Responders',
  members: [
    { name: 'On-call responder', email: 'oncall@replay.invalid', role: 'member' },
    { name: 'Team lead', email: 'lead@replay.invalid', role: 'lead' },
    { name: 'Executive contact', email: 'executive@replay.invalid', role: 'executive' },
  ],
  channels: [],
};

export interface ReplayOptions {
  file: string;
  /** Rules folder (alerts*.yaml, sla*.yaml); the shipped rules/ when absent. */
  rulesDir?: string;
  /** Server URI (no database name); replay uses a fresh database on it and drops it afterwards. */
  mongoUri: string;
  /** Simulated time between scheduled passes (detection, alert timers, SLA job). */
  stepSeconds?: number;
  /** How long to keep the clock running after the last line, for escalations and breaches. */
  tailMinutes?: number;
  write: (line: string) => void;
  /** Also print case reminders, escalations and breaches (`case_step` lines). */
  cases?: boolean;
  /**
   * Keep reads of collections the replay has not written since (default true: its database is its own; see ReadMemo).
   * false: every read goes to the database, as in a daemon (the output is the same either way).
   */
  keepReads?: boolean;
}

/**
 * Replays a scenario through the real pipeline on a simulated clock: ingest → buckets → detection →
 * alerts → incidents → SLA job → outbox, against a fresh database. Writes one JSON line per event.
 */
export async function runReplay(opts: ReplayOptions): Promise<{ events: number }> {
  const scenario = parseScenario(readFileSync(opts.file, 'utf8'), opts.file);
  const start = scenario.find((l) => l.at)!.at!;
  const clock = new ManualClock(Math.floor(start.getTime() / MINUTE) * MINUTE, { realCacheAges: true });
  const rulesDir = resolve(opts.rulesDir ?? defaultRulesDir());
  // A team line is a team without its line type (the config schema refuses unknown keys).
  const teams = scenario.flatMap(({ line }) => (line.type === 'team' ? [{ id: line.id, name: line.name, members: line.members, channels: [] }] : []));
  const values = configSchema.parse({
    dbName: `replay_${randomBytes(4).toString('hex')}`,
    rulesDir,
    // Only the given rules: the user's own rule folder would make the replay depend on this machine.
    alerts: { userRulesDir: join(rulesDir, '.replay-has-no-user-rules') },
    teams: teams.length ? teams : [REPLAY_TEAM],
  });
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ config: new AppConfig(values, false, null), mongoUri: opts.mongoUri, clock, scheduling: false, privateDatabase: opts.keepReads ?? true }),
    { logger: false, abortOnError: false },
  );
  try {
    const replayer = new Replayer(app, clock, opts.write, (opts.stepSeconds ?? 60) * 1000, opts.cases ?? false);
    return { events: await replayer.run(scenario, (opts.tailMinutes ?? 300) * MINUTE) };
  } finally {
    await app.get(DatabaseAdmin).dropDatabase().catch(() => undefined);
    await app.close();
  }
}

/** Drives one replay: applies lines at their times and runs the scheduled work on the step grid between them. */
class Replayer {
  private readonly pending: IncidentEvent[] = [];
  private readonly enqueued: OutboxItem[] = [];
  private readonly incidents: string[] = [];
  private nextTick: number;
  private newData = false;
  private printed = 0;
  private compactedAt = 0;
  private settledAt = 0;
  /** When the alert timers and the SLA check next have work, as last read; null: to be read again. */
  private alertTimerAt: Date | undefined | null = null;
  private slaCheckAt: Date | undefined | null = null;
  /** Whether a signal is open, as last read (only a detection pass changes it); null: to be read again. */
  private signalsOpen: boolean | null = null;
  private readonly jobs: JobRegistry;

  constructor(
    private readonly app: INestApplicationContext,
    private readonly clock: ManualClock,
    private readonly write: (line: string) => void,
    private readonly stepMs: number,
    private readonly cases: boolean,
  ) {
    this.nextTick = clock.now().getTime();
    this.jobs = app.get(JobRegistry);
    app.get(IncidentEventsService).events.subscribe((e) => this.pending.push(e));
    app.get(OutboxService).onEnqueued((created) => created && this.enqueued.push(created));
  }

  async run(scenario: TimedLine[], tailMs: number): Promise<number> {
    let last = this.clock.now();
    for (const timed of scenario) {
      if (timed.at) {
        await this.advanceTo(timed.at);
        last = timed.at;
      }
      try {
        await this.apply(timed.line);
      } catch (err) {
        throw new ScenarioError(`line ${timed.lineNo}: ${(err as Error).message}`);
      }
    }
    await this.advanceTo(new Date(last.getTime() + tailMs));
    return this.printed;
  }

  /**
   * Runs the scheduled passes up to `t`, on the step grid, at the steps where something is due: a detection pass on
   * each bucket boundary while data comes in or a signal is open, the alert timers when a group's timer falls due,
   * the SLA check when a step or deadline does. Steps where nothing is due are skipped (they would change nothing),
   * so quiet hours and days between lines cost no work.
   */
  private async advanceTo(t: Date): Promise<void> {
    while (this.nextTick <= t.getTime()) {
      const due = await this.nextDue();
      if (due > this.nextTick) {
        this.nextTick += Math.ceil((Math.min(due, t.getTime() + this.stepMs) - this.nextTick) / this.stepMs) * this.stepMs;
        continue;
      }
      await this.tick(new Date(this.nextTick));
      this.nextTick += this.stepMs;
    }
    this.clock.set(t);
  }

  /** The earliest time (ms) from the next step on at which a scheduled pass has work; Infinity when none has. */
  private async nextDue(): Promise<number> {
    const from = new Date(this.nextTick);
    if (this.cases && (await this.app.get(CaseActionsService).anyOpen())) return this.nextTick;
    const times = [await this.alertTimer(from), await this.slaCheck(from)].map((d) => d?.getTime() ?? Infinity);
    if (this.newData || (await this.openSignals())) times.push(Math.ceil(this.nextTick / BUCKET_MS) * BUCKET_MS);
    return Math.min(...times);
  }

  private async openSignals(): Promise<boolean> {
    this.signalsOpen ??= await this.app.get(DetectionService).hasOpenSignals();
    return this.signalsOpen;
  }

  /** When the alert timers next have work; read again after every pass that may have changed the groups. */
  private async alertTimer(now: Date): Promise<Date | undefined> {
    if (this.alertTimerAt === null) this.alertTimerAt = await this.app.get(AlertsService).nextTimerAt(now);
    return this.alertTimerAt;
  }

  /** When the SLA check next has work; read again after a check and whenever an incident changed. */
  private async slaCheck(now: Date): Promise<Date | undefined> {
    if (this.slaCheckAt === null || this.pending.some((e) => e.incident)) this.slaCheckAt = await this.app.get(SlaEscalationService).nextCheckAt(now);
    return this.slaCheckAt;
  }

  /**
   * One scheduled pass, running the daemon's jobs by name on the simulated clock. Detection readings change only per
   * 5-minute bucket, so detection runs on bucket boundaries when data came in or a signal is open (its pass also runs
   * the alert timers); other steps run the alert timers when due. Then the SLA check when due.
   */
  private async tick(at: Date): Promise<void> {
    this.clock.set(at);
    if (at.getTime() % BUCKET_MS === 0 && (this.newData || (await this.openSignals()))) {
      this.newData = false;
      // The daemon compacts the ledgers every 30 s of its time (settling first the reach of stories re-sighted on
      // older days, then folding deltas into summaries). Here the settling runs every half hour of simulated time:
      // it moves which story is largest, so its interval is part of the output. The folding only bounds what readers
      // read (they are exact without it, and equally large stories are ordered by their own fields, not by where the
      // fold left their documents), so a settling runs as the whole compaction once FOLD_EVERY_MS have passed.
      if (at.getTime() - this.settledAt >= SETTLE_EVERY_MS) {
        if (at.getTime() - this.compactedAt >= FOLD_EVERY_MS) {
          await this.jobs.run('ledger-compaction', at);
          this.compactedAt = at.getTime();
        } else {
          await this.app.get(StoriesService).settleLaterReach();
        }
        this.settledAt = at.getTime();
      }
      await this.detect(at);
    } else if (((await this.alertTimer(at))?.getTime() ?? Infinity) <= at.getTime()) {
      await this.jobs.run('alerts', at);
      this.alertTimerAt = null;
    }
    if (((await this.slaCheck(at))?.getTime() ?? Infinity) <= at.getTime()) {
      await this.jobs.run('sla', at);
      this.slaCheckAt = null;
    }
    if (this.cases) {
      // The case-sla job's own pass, called directly: replay prints what it fired.
      for (const f of await this.app.get(CaseSlaService).run(at)) {
        this.print({ type: 'case_step', at: at.toISOString(), brand: f.brand, severity: 'P4', case: f.caseId, step: f.step, notify: f.notify, dueAt: f.dueAt.toISOString() });
      }
    }
    await this.flush();
  }

  /**
   * The daemon's `detection` job (per brand: a pass, then an escalation of the signals it changed), except that an
   * escalation with no changed signal runs only when an alert timer is due: without either it changes nothing (what
   * the alert timers' schedule, `nextTimerAt`, promises, and why the `alerts` job is skipped between its times).
   * Once one escalation ran, the later brands' run as in the daemon (the groups may have changed).
   */
  private async detect(at: Date): Promise<void> {
    let escalating = ((await this.alertTimer(at))?.getTime() ?? Infinity) <= at.getTime();
    for (const { id: brand } of await this.app.get(BrandsService).list()) {
      const changed = await this.app.get(DetectionService).runDetection(at, [brand]);
      // A pass that changed no signal left them open or closed as they were.
      if (changed.length) this.signalsOpen = null;
      escalating ||= changed.length > 0;
      if (!escalating) continue;
      // Like the job: a failed escalation is retried by the next pass or the alert timers.
      await this.app.get(EscalationService).escalate(changed, this.clock.now()).catch(() => undefined);
      this.alertTimerAt = null;
    }
  }

  private async apply(line: ScenarioLine): Promise<void> {
    if (line.type === 'brand') {
      const id = line.id ?? line.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
      if (!id) throw new Error(`brand "${line.name}" needs an "id" (lower-case letters, digits and "-")`);
      await this.app.get(BrandsService).save({ id, name: line.name, names: line.names, aliases: line.aliases, keywords: line.keywords, competitors: [], timezone: line.timezone, ...(line.officialAccounts ? { officialAccounts: line.officialAccounts } : {}) });
    } else if (line.type === 'mention') {
      await this.ingest(line);
    } else if (line.type === 'action') {
      await this.act(line);
      await this.flush();
    }
  }

  private async ingest(line: MentionLine): Promise<void> {
    const { type: _type, ...mention } = line;
    const result = await this.app.get(IngestService).ingest([mention], { source: 'replay' });
    if (result.rejected.length) throw new Error(`mention rejected: ${result.rejected[0]!.error}`);
    this.newData = true;
  }

  private async act(line: ActionLine): Promise<void> {
    const id = line.incident === 'first' ? this.incidents[0] : line.incident;
    if (!id) throw new Error('"incident": "first" but no incident has opened yet at this time');
    const input: ActionInput =
      line.do === 'respond'
        ? { action: 'respond', url: line.url ?? 'https://replay.invalid/public-response', text: line.text ?? 'We understand your concern and are looking into it.' }
        : line.do === 'mitigate'
          ? { action: 'mitigate', text: line.text ?? 'Initial solution in place.' }
          : line.do === 'resolve'
            ? { action: 'resolve', text: line.text }
            : { action: 'acknowledge' };
    await this.app.get(IncidentActionsService).apply(id, input, { tokenId: 'replay', name: line.by, role: 'responder' });
  }

  /** Prints the events emitted since the last flush, then the outbox rows written meanwhile. */
  private async flush(): Promise<void> {
    const events = this.pending.splice(0);
    // An incident that opened or changed may move when the SLA check next has work.
    if (events.some((e) => e.incident)) this.slaCheckAt = null;
    for (const e of events) {
      if (e.type === 'incident_state' && e.incident) {
        if (e.to === 'open' && !this.incidents.includes(e.incident)) this.incidents.push(e.incident);
      }
      if (PRINTED.has(e.type)) this.print(e);
    }
    for (const n of await this.notifications()) this.print(n);
  }

  private async notifications(): Promise<IncidentEvent[]> {
    const rows = this.enqueued.splice(0);
    rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.idempotencyKey.localeCompare(b.idempotencyKey));
    const out: IncidentEvent[] = [];
    for (const row of rows) {
      const [kind, , step] = row.idempotencyKey.split('|');
      const about = row.incidentId
        ? await this.app.get(IncidentActionsService).get(row.incidentId)
        : row.alertId
          ? await this.app.get(AlertsService).get(row.alertId)
          : undefined;
      out.push({
        type: 'notification', at: row.createdAt.toISOString(), brand: about?.brand ?? '', severity: about?.severity ?? 'P4',
        incident: row.incidentId, kind: kind === 'step' ? `escalation:${step}` : kind, channel: row.channel, to: row.to,
      });
    }
    return out;
  }

  private print(e: IncidentEvent | (Omit<IncidentEvent, 'type'> & { type: 'case_step' })): void {
    const { type, at, brand, severity, incident, ...rest } = e;
    this.write(`${JSON.stringify({ type, at, brand, severity, incident: incident ?? null, ...rest })}\n`);
    this.printed++;
  }
}

/** `goldenhour replay FILE [--rules DIR]`. */
export function register(program: Command): void {
  program
    .command('replay')
    .description('replay a scenario (JSONL: brand, mention and action lines in time order) through the real pipeline on a simulated clock; print one JSON line per alert, notification, escalation, SLA breach and incident state change')
    .argument('<file>', 'scenario JSONL')
    .option('--rules <dir>', 'rules folder (alerts*.yaml, sla*.yaml); default: the shipped rules/')
    .option('--step <seconds>', 'simulated seconds between scheduled passes', '60')
    .option('--tail <minutes>', 'simulated minutes to keep running after the last line', '300')
    .option('--cases', 'also print case reminders, escalations and breaches (case_step lines)')
    .action(async (file: string, o: { rules?: string; step: string; tail: string; cases?: boolean }) => {
      if (!existsSync(file)) {
        process.stderr.write(`goldenhour replay: ${file}: no such file (give a scenario .jsonl, e.g. test/scenarios/weibo-food-safety.jsonl)\n`);
        process.exitCode = 2;
        return;
      }
      if (o.rules && !existsSync(o.rules)) {
        process.stderr.write(`goldenhour replay: --rules ${o.rules}: no such folder\n`);
        process.exitCode = 2;
        return;
      }
      const loaded = loadConfig();
      const config = new AppConfig(loaded.config, loaded.demo, loaded.file);
      const db = await openDatabase({ uri: config.mongodbUri, dataDir: config.dataDir, cacheDir: config.cacheDir, env: process.env, log: () => undefined });
      try {
        await runReplay({ file, rulesDir: o.rules, mongoUri: db.uri, stepSeconds: Number(o.step), tailMinutes: Number(o.tail), cases: o.cases, write: (l) => process.stdout.write(l) });
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        process.stderr.write(`goldenhour replay: ${err.message}\n`);
        process.exitCode = 2;
      } finally {
        await db.stop();
      }
    });
}
