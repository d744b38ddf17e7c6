import { Injectable } from '@nestjs/common';
import { BrandsService } from '../brands/brands.service.js';
import { bucketStart } from '../core/mention/bucket.js';
import { BucketsService } from '../mentions/buckets.service.js';
import { MentionsService } from '../mentions/mentions.service.js';
import { Clock } from '../platform/clock.js';
import { IncidentsReader, type IncidentPanel } from './incidents-reader.js';
import { rollUp, shareOfVoice, topicRows, totalsOf, trendOf, type SeriesPoint, type TopicRow, type Totals, type Trend } from './panels.js';
import { resolvePeriod, stepFloor, type Preset } from './period.js';

export interface DashboardQuery {
  brand: string;
  period?: Preset;
  from?: Date;
  to?: Date;
  /** IANA time zone of the viewer; the brand's when absent. */
  tz?: string;
}

export interface NegativeMention {
  platform: string;
  externalId: string;
  url?: string;
  author?: string;
  title?: string;
  text: string;
  publishedAt: Date;
  engagement: number;
  crisisTerms: string[];
}

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
  incidents: IncidentPanel;
  negativeMentions: NegativeMention[];
}

const TOPICS = 10;
/** Latest negative mentions scanned (newest first, on the brand+publishedAt index) to pick the most engaging. */
const NEGATIVE_SCAN = 200;

/**
 * The dashboard use case: every chart reads the 5-minute buckets (cost grows with the range, not with
 * the number of mentions); only the short list of negative mentions reads raw mentions, newest first.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly brands: BrandsService,
    private readonly buckets: BucketsService,
    private readonly mentions: MentionsService,
    private readonly incidents: IncidentsReader,
    private readonly clock: Clock,
  ) {}

  async dashboard(q: DashboardQuery): Promise<Dashboard> {
    const brand = await this.brands.get(q.brand);
    const p = resolvePeriod({ ...q, tz: q.tz ?? brand.timezone }, this.clock.now());
    const range = { brand: brand.id, from: p.from, to: p.to };
    const before = { brand: brand.id, from: p.previousFrom, to: p.previousTo };
    const competitors = await this.competitors(brand.competitors);
    // One read covers this period and the one before it (for the trend arrows); split by time here.
    const both = { brand: brand.id, from: p.previousFrom, to: p.to };
    const [series, platforms, rivals, keywords, keywordsBefore, crisis, incidents, negative] = await Promise.all([
      this.buckets.series(both),
      this.buckets.byPlatform(range),
      Promise.all(competitors.map(async (c) => ({ brand: c.id, name: c.name, total: sum(await this.buckets.byPlatform({ ...range, brand: c.id })) }))),
      this.buckets.topTopics({ ...range, polarity: 'negative', kind: 'keyword', limit: TOPICS }),
      this.buckets.topTopics({ ...before, polarity: 'negative', kind: 'keyword', limit: 1000 }),
      this.crisisTotals(both, bucketStart(p.from)),
      this.incidents.panel(brand.id, p.from, p.to),
      this.negativeMentions(brand.id, p.from, p.to),
    ]);
    const split = bucketStart(p.from);
    const points = series.filter((x) => x.start >= split);
    const previous = series.filter((x) => x.start < split);
    const totals = totalsOf(points);
    const prevTotals = totalsOf(previous);
    return {
      brand: { id: brand.id, name: brand.name, names: brand.names, timezone: brand.timezone },
      period: { from: p.from, to: p.to, previousFrom: p.previousFrom, previousTo: p.previousTo, stepMs: p.stepMs, timezone: p.timezone },
      totals: { ...totals, previous: prevTotals, volumeTrend: trendOf(totals.total, prevTotals.total).trend, negativeTrend: trendOf(totals.negative, prevTotals.negative).trend },
      series: rollUp(points, p.from.getTime(), p.to.getTime(), p.stepMs, stepFloor(p.stepMs, p.timezone)),
      shareOfVoice: shareOfVoice([{ brand: brand.id, name: brand.name, total: totals.total }, ...rivals]),
      platforms: Object.entries(platforms)
        .map(([platform, b]) => ({ platform, total: b.total, negative: b.negative, neutral: b.neutral, positive: b.positive }))
        .sort((a, b) => b.total - a.total),
      negativeTopics: topicRows(keywords, keywordsBefore),
      crisisTerms: topicRows(crisis.current.slice(0, TOPICS), crisis.previous),
      incidents,
      negativeMentions: negative,
    };
  }

  /** Competitors that are known brands (an unknown id in the config is skipped, not an error here). */
  private async competitors(ids: string[]) {
    const all = await this.brands.list();
    return ids.flatMap((id) => all.filter((b) => b.id === id));
  }

  /**
   * Negative mentions per crisis term, most first, before and from `split`. Summed here from the crisis
   * topic buckets (they exist only where crisis terms appeared, so they are few) rather than with
   * topTopics: on FerretDB 1.24 a $group computes only its first $sum, so topTopics' negative counts read 0 there.
   */
  private async crisisTotals(q: { brand: string; from: Date; to: Date }, split: number) {
    const series = await this.buckets.topicSeriesAll({ ...q, kind: 'crisis' });
    const rows = (keep: (start: number) => boolean) =>
      [...series]
        .map(([key, pts]) => {
          const inRange = pts.filter((x) => keep(x.start));
          return { topic: key.slice('crisis:'.length), kind: 'crisis' as const, negative: inRange.reduce((s, x) => s + x.negative, 0), total: inRange.reduce((s, x) => s + x.total, 0) };
        })
        .filter((r) => r.negative > 0)
        .sort((a, b) => b.negative - a.negative || a.topic.localeCompare(b.topic));
    return { current: rows((start) => start >= split), previous: rows((start) => start < split) };
  }

  private async negativeMentions(brand: string, from: Date, to: Date): Promise<NegativeMention[]> {
    const latest = await this.mentions.find({ brand, from, to, polarity: 'negative', sort: 'recent', limit: NEGATIVE_SCAN });
    return latest
      .map((m) => ({
        platform: m.platform,
        externalId: m.externalId,
        url: m.url,
        author: m.author?.name,
        title: m.title,
        text: m.text.length > 280 ? `${m.text.slice(0, 279)}…` : m.text,
        publishedAt: m.publishedAt,
        engagement: (m.engagement.likes ?? 0) + (m.engagement.shares ?? 0) + (m.engagement.comments ?? 0),
        crisisTerms: m.crisis.map((c) => c.term),
      }))
      .sort((a, b) => b.engagement - a.engagement || b.publishedAt.getTime() - a.publishedAt.getTime())
      .slice(0, 10);
  }
}

function sum(byPlatform: Record<string, { total: number }>): number {
  return Object.values(byPlatform).reduce((s, b) => s + b.total, 0);
}
