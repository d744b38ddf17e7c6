import { Injectable, Logger } from '@nestjs/common';
import { advanceSignal, LIFECYCLE_DEFAULTS, scopeKeyOf, type Observation } from '../core/detection/lifecycle.js';
import { evidenceItemOf, type Signal } from '../core/detection/signal.js';
import { BrandsService } from '../brands/brands.service.js';
import type { BucketsService } from '../mentions/buckets.service.js';
import type { JournalPass } from '../mentions/journal-pass.js';
import { MentionsService } from '../mentions/mentions.service.js';
import { StoriesService } from '../stories/stories.service.js';
import type { StoryPass } from '../stories/story-pass.js';
import { Clock } from '../platform/clock.js';
import { LeaseService } from '../platform/leases/lease.service.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import { BucketScopes } from './bucket-scopes.js';
import { CollectionGaps } from './collection-gaps.js';
import type { ScopedReadings } from './scoped-reading.js';
import { SignalsRepository } from './signals.repository.js';
import type { SignalFilter, StoredSignal } from './stored-signal.js';
import { StoryGrowth } from './story-growth.js';
import { ViralPosts } from './viral-posts.js';

const HISTORY_LIMIT = 500;

/** What one pass reads once for all its brands and signals (each kept for the pass only). */
interface PassInputs {
  counters: BucketsService;
  journal: JournalPass;
  stories: StoryPass;
}
const TOP_MENTIONS = 3;

/**
 * The detection step: every brand's bucket series and engagement snapshots → signals, stored with their history.
 * It hands nothing on: the escalation job (incidents/escalation.job.ts) passes what it returns to escalation.
 */
@Injectable()
export class DetectionService {
  private readonly logger = new Logger(DetectionService.name);

  constructor(
    private readonly brands: BrandsService,
    private readonly bucketScopes: BucketScopes,
    private readonly viralPosts: ViralPosts,
    private readonly storyGrowth: StoryGrowth,
    private readonly collectionGaps: CollectionGaps,
    private readonly mentions: MentionsService,
    private readonly repo: SignalsRepository,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
    private readonly stories: StoriesService,
    private readonly leases: LeaseService,
  ) {}

  /** One pass over the given brands (all by default) at `now`: returns the signals it opened, updated or closed. */
  async runDetection(now: Date = this.clock.now(), brands?: readonly string[]): Promise<Signal[]> {
    const changed: Signal[] = [];
    try {
      await this.collectionGaps.openSilent(now);
    } catch (err) {
      this.logger.error({ event: 'collection_check_failed', error: (err as Error).message });
    }
    const list = brands ?? (await this.brands.list()).map((b) => b.id);
    const counters = this.bucketScopes.session(list);
    // Each journal hour and story day read once for all brands and evidence lists of this pass (after a burst, the
    // last hour's journal and today's stories are thousands of entries the database decodes whole for every read).
    const reads: PassInputs = { counters, journal: this.mentions.journalPass(), stories: this.stories.storyPass() };
    for (const brand of list) {
      try {
        changed.push(...(await this.detectBrand(brand, now, reads)));
      } catch (err) {
        this.logger.error({ event: 'detection_brand_failed', brand, error: (err as Error).message });
      }
    }
    return changed;
  }

  /**
   * Drops what this process keeps in memory about a brand's detectors: a daemon taking the brand over from
   * another rebuilds them from the stored buckets at its next pass (the window is read in full then).
   */
  forgetBrand(brand: string): void {
    this.bucketScopes.forget(brand);
  }

  /** Stored signals, newest first (GET /api/v1/signals). */
  listSignals(filter: SignalFilter): Promise<StoredSignal[]> {
    return this.repo.list(filter);
  }

  getSignal(key: string): Promise<StoredSignal | null> {
    return this.repo.get(key);
  }

  /** Whether any brand has an open signal (read from the live set only). */
  hasOpenSignals(): Promise<boolean> {
    return this.repo.anyOpen();
  }

  private async detectBrand(brand: string, now: Date, reads: PassInputs): Promise<StoredSignal[]> {
    const timer = this.metrics.histogram('goldenhour_detection_brand_seconds', 'Time to evaluate one brand in a detection pass').startTimer();
    const window = BucketScopes.window(now);
    const gaps = await this.collectionGaps.gapsOf(brand, window.from, window.to);
    const { scopes, bucketsRead } = await this.bucketScopes.readings(brand, now, gaps, reads.counters);
    scopes.push(...this.collectionGaps.readings(gaps, now));
    scopes.push(...(await this.viralPosts.readings(brand, now, reads.journal)));
    scopes.push(...(await this.storyGrowth.readings(brand, now, reads.stories)));
    this.metrics.counter('goldenhour_detection_buckets_read_total', 'Buckets replayed by detection passes').inc(bucketsRead);
    const live = await this.latestPerScope(brand, now);
    const changed: StoredSignal[] = [];
    for (const s of scopes) {
      const key = scopeKeyOf(brand, s.kind, s.scope);
      const updated = this.advance(live.get(key), s, brand);
      live.delete(key);
      if (updated) changed.push(updated);
    }
    // Scopes that produced no reading this pass (a post no longer growing, a platform gone quiet) still close.
    for (const signal of live.values()) {
      if (signal.status !== 'open') continue;
      const quiet = { kind: signal.kind, scope: signal.scope, readings: [{ at: now, triggered: false, elevated: false, strength: 0, evidence: signal.evidence }] };
      const updated = this.advance(signal, quiet, brand);
      if (updated) changed.push(updated);
    }
    // Fenced: a daemon that lost the brand's lease meanwhile (paused past it) stores nothing.
    await this.leases.fence();
    for (const signal of changed) await this.store(signal, now, reads);
    try {
      await this.bucketScopes.saveCheckpoint(brand, now);
    } catch (err) {
      // A cache: the next pass writes it again, and without it a restart replays the whole window.
      this.logger.warn({ event: 'detector_checkpoint_failed', brand, error: (err as Error).message });
    }
    timer();
    return changed;
  }

  /** The latest signal of each scope that is open or could still re-open. */
  private async latestPerScope(brand: string, now: Date): Promise<Map<string, StoredSignal>> {
    const out = new Map<string, StoredSignal>();
    for (const s of await this.repo.live(brand, new Date(now.getTime() - LIFECYCLE_DEFAULTS.coolingMinutes * 60_000))) {
      const seen = out.get(s.scopeKey);
      if (!seen || seen.startedAt < s.startedAt) out.set(s.scopeKey, s);
    }
    return out;
  }

  /** Feeds a scope's new readings through the lifecycle; returns the signal if it changed. */
  private advance(previous: StoredSignal | undefined, s: ScopedReadings, brand: string): StoredSignal | undefined {
    let signal: StoredSignal | undefined = previous;
    let changed = false;
    for (const r of s.readings) {
      const seenUntil = signal ? (signal.status === 'open' ? signal.lastSeenAt : (signal.endedAt ?? signal.lastSeenAt)) : undefined;
      if (seenUntil && r.at <= seenUntil) continue;
      const obs: Observation = { brand, kind: s.kind, scope: s.scope, ...r };
      const step = advanceSignal(signal, obs);
      if (!step.event || !step.signal) continue;
      const point = { at: r.at, strength: r.strength, observed: r.evidence.observed, expected: r.evidence.expected };
      signal = {
        ...step.signal,
        scopeKey: scopeKeyOf(brand, s.kind, s.scope),
        history: [...(step.event === 'opened' ? [] : (signal?.history ?? [])), point].slice(-HISTORY_LIMIT),
        updatedAt: r.at,
      };
      changed = true;
      this.metrics.counter('goldenhour_signal_events_total', 'Signal lifecycle events', ['kind', 'event']).inc({ kind: s.kind, event: step.event });
      if (step.event !== 'updated') this.logger.log({ event: `signal_${step.event}`, brand, signal: signal.key, kind: s.kind, strength: r.strength });
    }
    return changed ? signal : undefined;
  }

  /** Adds the most engaging mentions since the signal started to its evidence (a viral post brings its own post), then upserts it. */
  private async store(signal: StoredSignal, now: Date, reads: PassInputs): Promise<void> {
    if (signal.status === 'open' && signal.kind !== 'viral_post' && signal.kind !== 'collection_gap' && signal.kind !== 'story_growth') {
      const top = await this.mentions.top({
        brand: signal.brand,
        from: new Date(signal.startedAt.getTime() - 60 * 60_000),
        to: now,
        polarity: signal.kind === 'negative_surge' ? 'negative' : undefined,
        limit: TOP_MENTIONS,
      }, reads.journal);
      // The crisis terms of the evidence mentions are what crisis rules (e.g. the P1 one-hour rule) match on.
      const crisisTerms = [...new Set(top.flatMap((m) => m.highlight.crisisTerms))];
      // Likewise the review aspects they are negative about, for rules matching `negative_aspects`.
      const negativeAspects = [...new Set(top.flatMap((m) => m.highlight.negativeAspects ?? []))];
      signal.evidence = {
        ...signal.evidence,
        topMentions: top.map(({ highlight, engagement }) => evidenceItemOf(highlight, engagement)),
        ...(crisisTerms.length ? { crisisTerms } : {}),
        ...(negativeAspects.length ? { negativeAspects } : {}),
      };
      const stories = await this.stories.behind({ brand: signal.brand, platform: signal.scope.platform, topic: signal.scope.topic, negative: signal.kind !== 'volume_surge', from: new Date(signal.startedAt.getTime() - 60 * 60_000), to: now, limit: TOP_MENTIONS }, reads.stories);
      if (stories.length) signal.evidence = { ...signal.evidence, stories };
    } else if (signal.status === 'open' && signal.scope.mentionKey) {
      const story = await this.stories.storyOfRecent(signal.scope.mentionKey, now);
      if (story) signal.evidence = { ...signal.evidence, stories: [story] };
    }
    await this.repo.save(signal);
  }
}
