import { Injectable, Logger } from '@nestjs/common';
import { scoreAgainstLabels, type LabelledEvent, type LabelledScore } from '../core/backtest/labelled-events.js';
import { signalTimeline, storedSignalSnapshots, type SignalSnapshot } from '../core/backtest/signal-timeline.js';
import { countBySeverity, simulateRules, type Simulation } from '../core/backtest/simulate-rules.js';
import { replayDays } from '../core/detection/bucket-readings.js';
import type { Severity } from '../core/rules/alert.js';
import { overlayRules, type RulesFile } from '../core/rules/rule.js';
import { AlertsService } from '../alerts/alerts.service.js';
import { RulesService } from '../alerts/rules.service.js';
import { BrandsService } from '../brands/brands.service.js';
import { CollectionHealthService } from '../collection/collection-health.service.js';
import { DetectionService } from '../detection/detection.service.js';
import { BucketsService } from '../mentions/buckets.service.js';
import { watchedSeries } from './watched-series.js';

const DAY_MS = 86_400_000;
/** The longest period a backtest replays: what keeps its reads and memory bounded. */
export const BACKTEST_MAX_DAYS = 31;
/** Stored signals of the period the detectors do not derive from buckets (at most this many per brand). */
const STORED_SIGNAL_LIMIT = 500;

export interface BacktestRequest {
  from: Date;
  to: Date;
  /** One brand; every brand when left out. */
  brand?: string;
  /** Rule files laid over the current rules (the rules to test); none: the current rules alone. */
  candidate?: RulesFile[];
  labels?: LabelledEvent[];
}

/** `bySeverity` counts alerts (their first notification); `alerts` lists every notification, updates and repeats too. */
export type SimulatedRun = Simulation & { bySeverity: Record<Severity, number> };

export interface BacktestReport {
  from: Date;
  to: Date;
  brands: string[];
  /** Counter buckets replayed (warm-up included): the backtest's cost, independent of the number of mentions. */
  bucketsRead: number;
  /** Signals the detectors would have opened, per kind. */
  signalsOpened: Record<string, number>;
  /** What the candidate rules would have sent, and the current rules over the same signals. */
  candidate: SimulatedRun;
  current: SimulatedRun;
  /** What the daemon did send in the period (stored alerts). */
  fired: { at: Date; brand: string; severity: Severity; ruleId: string; groupKey: string; title: string; notifications: number }[];
  firedBySeverity: Record<Severity, number>;
  labels?: { candidate: LabelledScore; current: LabelledScore };
}

/**
 * The backtest use case: replays the counter buckets (and the stored viral-post and collection-gap signals)
 * of a past period through detection and the rules on a simulated clock, sending and storing nothing.
 * Reads only the ledger days of the period and its detector warm-up, the signal months of the period and
 * its alerts, so its cost follows the period's length, never the mention history.
 */
@Injectable()
export class BacktestService {
  private readonly logger = new Logger(BacktestService.name);

  constructor(
    private readonly buckets: BucketsService,
    private readonly brands: BrandsService,
    private readonly collection: CollectionHealthService,
    private readonly detection: DetectionService,
    private readonly alerts: AlertsService,
    private readonly rules: RulesService,
  ) {}

  async run(q: BacktestRequest): Promise<BacktestReport> {
    if (q.to.getTime() - q.from.getTime() > BACKTEST_MAX_DAYS * DAY_MS) throw new RangeError(`the period is longer than ${BACKTEST_MAX_DAYS} days: backtest at most ${BACKTEST_MAX_DAYS}d at a time`);
    const brands = q.brand ? [(await this.brands.get(q.brand)).id] : (await this.brands.list()).map((b) => b.id);
    const loaded = this.rules.current();
    const candidateRules = overlayRules(loaded.ruleSet, q.candidate ?? []);
    const snapshots: SignalSnapshot[] = [];
    let bucketsRead = 0;
    for (const brand of brands) {
      const read = await this.brandSnapshots(brand, q.from, q.to);
      snapshots.push(...read.snapshots);
      bucketsRead += read.buckets;
    }
    snapshots.sort((a, b) => a.at.getTime() - b.at.getTime());
    const simulate = (ruleSet: typeof candidateRules): SimulatedRun => {
      const sim = simulateRules(ruleSet, snapshots, q.from, q.to, { categoryOf: loaded.categoryOf });
      return { ...sim, bySeverity: countBySeverity(sim.alerts.filter((a) => a.reason === 'new')) };
    };
    const candidate = simulate(candidateRules);
    const current = simulate(loaded.ruleSet);
    const fired = await this.fired(brands, q.from, q.to);
    const signalsOpened: Record<string, number> = {};
    for (const s of snapshots) if (s.signal.startedAt.getTime() === s.at.getTime() && s.signal.status === 'open') signalsOpened[s.signal.kind] = (signalsOpened[s.signal.kind] ?? 0) + 1;
    this.logger.log({ event: 'backtest_run', brands, from: q.from.toISOString(), to: q.to.toISOString(), bucketsRead, candidateAlerts: candidate.alerts.length, currentAlerts: current.alerts.length });
    return {
      from: q.from, to: q.to, brands, bucketsRead, signalsOpened, candidate, current, fired, firedBySeverity: countBySeverity(fired),
      ...(q.labels ? { labels: { candidate: scoreAgainstLabels(candidate.incidents, q.labels), current: scoreAgainstLabels(current.incidents, q.labels) } } : {}),
    };
  }

  /** The brand's signal snapshots of the period: re-detected from its buckets, plus its stored viral posts and gaps. */
  private async brandSnapshots(brand: string, from: Date, to: Date): Promise<{ snapshots: SignalSnapshot[]; buckets: number }> {
    const warmFrom = new Date(from.getTime() - replayDays() * DAY_MS);
    const session = this.buckets.session();
    const gaps = await this.collection.gapsOf(brand, warmFrom, to);
    const { series, buckets } = await watchedSeries(session, brand, warmFrom, from, to, gaps);
    const detected = signalTimeline(brand, series, from.getTime(), to.getTime());
    for (const s of detected) {
      if (s.signal.status !== 'open') continue;
      // The daemon takes crisis terms from the signal's top mentions; here, from the crisis-term counters of its time.
      const terms = await session.topTopics({ brand, from: new Date(s.signal.startedAt.getTime() - 3_600_000), to: s.at, kind: 'crisis', polarity: s.signal.kind === 'negative_surge' ? 'negative' : undefined, limit: 10 });
      if (terms.length) s.signal = { ...s.signal, evidence: { ...s.signal.evidence, crisisTerms: terms.map((t) => t.topic) } };
    }
    const stored = (await this.detection.listSignals({ brand, since: from, limit: STORED_SIGNAL_LIMIT })).filter((s) => (s.kind === 'viral_post' || s.kind === 'collection_gap' || s.kind === 'story_growth') && s.startedAt < to);
    return { snapshots: [...detected, ...stored.flatMap((s) => storedSignalSnapshots(s, from.getTime(), to.getTime()))], buckets };
  }

  private async fired(brands: readonly string[], from: Date, to: Date): Promise<BacktestReport['fired']> {
    const out: BacktestReport['fired'] = [];
    for (const brand of brands) {
      for (const a of await this.alerts.list({ brand, since: from, limit: 500 })) {
        if (a.createdAt <= to) out.push({ at: a.createdAt, brand, severity: a.severity, ruleId: a.ruleId, groupKey: a.groupKey, title: a.title, notifications: a.notifyCount });
      }
    }
    return out.sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}
