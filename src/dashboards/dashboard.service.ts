import { Injectable, Logger } from '@nestjs/common';
import { BrandsService } from '../brands/brands.service.js';
import { mostEngaging, type NegativeHighlight } from '../core/mention/highlight.js';
import { HOUR_MS, type RollupSums, type TopicTotals } from '../core/mention/ledger.js';
import { BucketsService } from '../mentions/buckets.service.js';
import { MentionsService } from '../mentions/mentions.service.js';
import { StoriesService } from '../stories/stories.service.js';
import { topStories, type TopStory } from '../core/stories/top-stories.js';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import type { IncidentPanel } from './incidents-reader.js';
import type { CasePanel } from './cases-reader.js';
import { LivePanelsReader } from './live-panels.js';
import { rollUp, shareOfVoice, topicRows, totalsOf, trendOf, type SeriesPoint, type TopicRow, type Totals, type Trend } from '../core/dashboards/panels.js';
import { PRESETS, resolvePeriod, snapshotMaxAge, stepFloor, type Period, type Preset } from '../core/dashboards/period.js';
import { SnapshotCache } from './snapshot-cache.js';
import { worseningAspects, type AspectRow } from '../core/dashboards/aspect-panel.js';

export interface DashboardQuery {
  brand: string;
  period?: Preset;
  from?: Date;
  to?: Date;
  /** IANA time zone of the viewer; the brand's when absent. */
  tz?: string;
}

/** A negative mention as the dashboard lists it. */
export type NegativeMention = Omit<NegativeHighlight, '_id' | 'brand'>;

/** Every panel of the executive dashboard, in one response. */
export interface Dashboard {
  brand: { id: string; name: string; names: Record<string, string>; timezone: string };
  period: { from: Date; to: Date; previousFrom: Date; previousTo: Date; stepMs: number; timezone: string };
  totals: Totals & { previous: Totals; volumeTrend: Trend; negativeTrend: Trend };
  series: SeriesPoint[];
  shareOfVoice: { brand: string; name: string; total: number; share: number }[];
  platforms: { platform: string; total: number; negative: number; neutral: number; positive: number }[];
  negativeTopics: TopicRow[];
  crisisTerms: TopicRow[];
  /** Review aspects by how far their negative share rose against the previous period (aspect counters of the ledger). */
  worseningAspects: AspectRow[];
  /** The largest stories of the period (see core/stories/top-stories.ts), beside the top keywords. */
  topStories: TopStory[];
  incidents: IncidentPanel;
  /** Single complaints: resolved in the period, the share within 24 h, median first reply, open now. */
  cases: CasePanel;
  negativeMentions: NegativeMention[];
  /** Periods a source of the brand could not see: charts shade them ("data incomplete"), CSV marks their steps. */
  collectionGaps: { platform: string; source: string; since: Date; until?: Date; reason?: string }[];
}

const TOPICS = 10;
const ASPECTS = 6;
const STORIES = 5;
/** A view asked for within this long is kept warm by the scheduled refresh. */
const WATCH_MS = 86_400_000;
/** Latest negative mentions read (newest first) to pick the most engaging. */
const NEGATIVE_SCAN = 200;

/** Every panel but the incidents and cases: what the mentions add up to, the part worth keeping as a snapshot. */
type MentionPanels = Omit<Dashboard, 'incidents' | 'cases' | 'collectionGaps'>;

/**
 * The dashboard use case. Charts read the counter ledger (one small read per UTC day of the period,
 * whatever the number of mentions) and the list of negative mentions reads the per-day highlights; the
 * incidents, cases and collection-gap panels are read live (at most LIVE_PANELS_MS old, see live-panels.ts). A preset period is computed at most every
 * `dashboard.cacheSeconds` (24 h; longer periods in proportion to their chart step) per brand and time
 * zone: a request in between gets the last computed panels,
 * and an older one is served while a fresh one is computed, so an executive's page answers at once even
 * where the database is slow (FerretDB on SQLite scans whole collections).
 */
@Injectable()
export class DashboardService {
  private readonly logger = new Logger(DashboardService.name);
  private readonly snapshots: SnapshotCache<MentionPanels>;
  private readonly cacheMs: number;
  /** Preset views asked for, with when: the scheduled refresh keeps those of the last day warm. */
  private readonly watched = new Map<string, { brand: string; period: Preset; tz: string; at: number }>();

  constructor(
    private readonly brands: BrandsService,
    private readonly buckets: BucketsService,
    private readonly mentions: MentionsService,
    private readonly live: LivePanelsReader,
    private readonly clock: Clock,
    private readonly stories: StoriesService,
    config: AppConfig,
  ) {
    this.cacheMs = config.dashboard.cacheSeconds * 1000;
    this.snapshots = new SnapshotCache(this.cacheMs, (key, err) => this.logger.error({ event: 'dashboard_refresh_failed', key, error: (err as Error).message }));
  }

  async dashboard(q: DashboardQuery): Promise<Dashboard> {
    const brand = await this.brands.get(q.brand);
    const tz = q.tz ?? brand.timezone;
    const preset = q.period && !(q.from && q.to) ? q.period : undefined;
    let panels: MentionPanels;
    if (preset) {
      const key = `${brand.id}|${preset}|${tz}`;
      this.watched.set(key, { brand: brand.id, period: preset, tz, at: this.clock.now().getTime() });
      panels = await this.snapshots.get(key, this.clock.now().getTime(), () => this.presetPanels(brand, preset, tz), snapshotMaxAge(this.cacheMs, preset));
    } else {
      panels = await this.mentionPanels(brand, resolvePeriod({ ...q, tz }, this.clock.now()));
    }
    return { ...panels, ...(await this.live.read(brand.id, panels.period.from, panels.period.to)) };
  }

  /** Drops the computed snapshots: the next request computes from what is stored now (after an erasure). */
  forgetSnapshots(): void {
    this.snapshots.clear();
    this.live.forget();
  }

  /**
   * The scheduled refresh: computes ahead of requests the preset snapshots that are due — every brand's
   * presets in its own time zone, and the views asked for in the last day — one at a time.
   */
  async refreshSnapshots(): Promise<number> {
    const now = this.clock.now().getTime();
    for (const [key, v] of this.watched) if (now - v.at >= WATCH_MS) this.watched.delete(key);
    const views = new Map(this.watched);
    const brands = await this.brands.list();
    for (const b of brands) for (const period of Object.keys(PRESETS) as Preset[]) views.set(`${b.id}|${period}|${b.timezone}`, { brand: b.id, period, tz: b.timezone, at: now });
    let refreshed = 0;
    for (const [key, v] of views) {
      const brand = brands.find((b) => b.id === v.brand);
      if (brand && (await this.snapshots.refresh(key, this.clock.now().getTime(), () => this.presetPanels(brand, v.period, v.tz), snapshotMaxAge(this.cacheMs, v.period)))) refreshed++;
    }
    return refreshed;
  }

  private presetPanels(brand: Parameters<DashboardService['mentionPanels']>[0], period: Preset, tz: string): Promise<MentionPanels> {
    return this.mentionPanels(brand, resolvePeriod({ period, tz }, this.clock.now()));
  }

  /** Computes every mention panel of a period from the counter ledger and the negative highlights. */
  async mentionPanels(brand: { id: string; name: string; names: Record<string, string>; timezone: string; competitors: string[] }, p: Period): Promise<MentionPanels> {
    const competitors = await this.competitors(brand.competitors);
    const fineSlots = p.stepMs < HOUR_MS;
    const [[current, before], latest, stories] = await Promise.all([
      // The period and the one before it share their edge day (and a month of digests): read once for both.
      this.buckets.rollupSumsOf([
        { brands: [brand.id, ...competitors.map((c) => c.id)], from: p.from, to: p.to, fineSlots },
        { brands: [brand.id], from: p.previousFrom, to: p.previousTo, fineSlots: false },
      ]),
      this.mentions.latestNegative({ brand: brand.id, from: p.from, to: p.to, limit: NEGATIVE_SCAN }),
      this.stories.list({ brand: brand.id, from: p.from, to: p.to, limit: STORIES }),
    ]);
    const mine = current.get(brand.id)!;
    const previous = before.get(brand.id)!;
    const totals = totalsOf(mine.points);
    const prevTotals = totalsOf(previous.points);
    const negatives = (kind: 'keyword' | 'crisis', sums: RollupSums) => [...sums.topics.values()].filter((t) => t.kind === kind && t.negative > 0).sort(byNegative);
    return {
      brand: { id: brand.id, name: brand.name, names: brand.names, timezone: brand.timezone },
      period: { from: p.from, to: p.to, previousFrom: p.previousFrom, previousTo: p.previousTo, stepMs: p.stepMs, timezone: p.timezone },
      totals: { ...totals, previous: prevTotals, volumeTrend: trendOf(totals.total, prevTotals.total).trend, negativeTrend: trendOf(totals.negative, prevTotals.negative).trend },
      series: rollUp(mine.points, p.from.getTime(), p.to.getTime(), p.stepMs, stepFloor(p.stepMs, p.timezone)),
      shareOfVoice: shareOfVoice([{ brand: brand.id, name: brand.name, total: totals.total }, ...competitors.map((c) => ({ brand: c.id, name: c.name, total: current.get(c.id)!.total.total }))]),
      platforms: Object.entries(mine.platforms)
        .filter(([, b]) => b.total > 0)
        .map(([platform, b]) => ({ platform, total: b.total, negative: b.negative, neutral: b.neutral, positive: b.positive }))
        .sort((a, b) => b.total - a.total),
      negativeTopics: topicRows(negatives('keyword', mine).slice(0, TOPICS), negatives('keyword', previous)),
      crisisTerms: topicRows(negatives('crisis', mine).slice(0, TOPICS), negatives('crisis', previous)),
      worseningAspects: worseningAspects(mine.aspects, previous.aspects, ASPECTS),
      topStories: topStories(stories, p, this.clock.now(), STORIES),
      negativeMentions: mostEngaging(latest, 10).map(({ _id: _i, brand: _b, ...m }) => m),
    };
  }

  /** Competitors that are known brands (an unknown id in the config is skipped, not an error here). */
  private async competitors(ids: string[]) {
    const all = await this.brands.list();
    return ids.flatMap((id) => all.filter((b) => b.id === id));
  }
}

const byNegative = (a: TopicTotals, b: TopicTotals) => b.negative - a.negative || a.topic.localeCompare(b.topic);
