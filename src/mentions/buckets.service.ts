import { Injectable } from '@nestjs/common';
import { BUCKET_MS, bucketStart, type BucketPoint } from '../core/mention/bucket.js';
import type { TopicKind } from '../core/mention/contribution.js';
import { brandSeries, daysOverlapping, platformTotals, topicSeries, topicTotals, type DayPayload, type RollupSums, type TopicTotal } from '../core/mention/ledger.js';
import { DAY_MS } from '../core/mention/rollup.js';
import { digestedTopic, type TopicDigest } from '../core/mention/topic-digest.js';
import type { Polarity } from '../core/sentiment/types.js';
import { StoriesService } from '../stories/stories.service.js';
import { BucketsRepository, type Family, type SumsQuery } from './buckets.repository.js';
import { NegativesRepository } from './negatives.repository.js';

export interface SeriesQuery {
  brand: string;
  platform?: string;
  from: Date;
  to: Date;
}

/** Reads the counter ledger: cost grows with the days of the time range, never with the number of mentions. */
@Injectable()
export class BucketsService {
  constructor(
    private readonly repo: BucketsRepository,
    private readonly stories: StoriesService,
    private readonly negatives: NegativesRepository,
  ) {}

  /**
   * Digests every day of counters and of stories stored before their digests (`goldenhour migrate`), what
   * dashboards over whole days read, and regroups the negative highlights stored by day or by hour before they were
   * stored by 6-hour block (what the dashboard's latest negative mentions read); returns the days digested plus the
   * highlight collections regrouped.
   */
  async digestMissingDays(): Promise<number> {
    return (await this.repo.digestMissingDays()) + (await this.stories.digestMissingDays()) + (await this.negatives.regroupEarlierLayouts());
  }

  protected async payloads(brand: string, from: Date, to: Date, family: Family): Promise<DayPayload[]> {
    return (await this.repo.read([brand], new Date(bucketStart(from)), to, family)).get(brand)!;
  }

  /**
   * The same reads, each (family, UTC day) read from the database once: for a unit of work that derives many
   * series from the same days (a detection pass), not to be kept beyond it. A day is read for all of `brands`
   * at once (a partition holds every brand's counters, and the embedded server decodes all of it for any
   * brand's read), so a pass over several brands reads each day once instead of once per brand.
   */
  session(brands: readonly string[] = []): BucketsService {
    return new CounterSession(this.repo, this.stories, this.negatives, brands);
  }

  /**
   * What each brand's counters add up to over [from, to) (whole hours): one read per UTC day whatever
   * the number of mentions. `fineSlots` keeps 5-minute points (for charts with steps under an hour).
   */
  async rollupSums(q: { brands: readonly string[]; from: Date; to: Date; fineSlots: boolean }): Promise<Map<string, RollupSums>> {
    return this.repo.sums(q.brands, q.from, q.to, { fineSlots: q.fineSlots });
  }

  /** `rollupSums` of several ranges of one computation (a period and the one before it), each day and digest month read once for all. */
  async rollupSumsOf(queries: readonly SumsQuery[]): Promise<Map<string, RollupSums>[]> {
    return this.repo.sumsOf(queries);
  }

  /** Zero-filled 5-minute series of a brand, summed over platforms unless one is named. */
  async series(q: SeriesQuery): Promise<BucketPoint[]> {
    return brandSeries(await this.payloads(q.brand, q.from, q.to, 'counts'), q.from.getTime(), q.to.getTime(), q.platform);
  }

  /** Totals per platform over a range. */
  async byPlatform(q: Omit<SeriesQuery, 'platform'>): Promise<Record<string, BucketPoint>> {
    const start = bucketStart(q.from);
    const totals = platformTotals(await this.payloads(q.brand, q.from, q.to, 'counts'), start, q.to.getTime());
    return Object.fromEntries(Object.entries(totals).map(([platform, c]) => [platform, { start, ...c }]));
  }

  /** Zero-filled series of one topic (keyword or crisis term); `total` and polarity counts are filled. */
  async topicSeries(q: { brand: string; topic: string; kind?: TopicKind; from: Date; to: Date }): Promise<BucketPoint[]> {
    return topicSeries(await this.payloads(q.brand, q.from, q.to, 'topics'), q.from.getTime(), q.to.getTime(), q.topic, q.kind);
  }

  /** The topics with the most mentions (of one polarity, if given) over a range. */
  async topTopics(q: { brand: string; from: Date; to: Date; polarity?: Polarity; kind?: TopicKind; limit: number }): Promise<TopicTotal[]> {
    const rows = topicTotals(await this.payloads(q.brand, q.from, q.to, 'topics'), bucketStart(q.from), q.to.getTime(), q.kind);
    const by = (t: TopicTotal) => (q.polarity ? t[q.polarity] : t.total);
    return rows.filter((t) => by(t) > 0).sort((a, b) => by(b) - by(a) || a.topic.localeCompare(b.topic)).slice(0, q.limit);
  }

  readonly bucketMs = BUCKET_MS;
}

/** BucketsService whose reads keep each day's payloads of the session's brands for the rest of the session. */
class CounterSession extends BucketsService {
  private readonly days = new Map<string, Promise<Map<string, DayPayload[]>>>();
  /** Topic digests by the brands and days asked for (see topicSeries). */
  private readonly digests = new Map<string, Promise<Map<number, Map<string, TopicDigest>>>>();

  constructor(
    private readonly ledger: BucketsRepository,
    stories: StoriesService,
    negatives: NegativesRepository,
    private readonly brands: readonly string[],
  ) {
    super(ledger, stories, negatives);
  }

  protected override async payloads(brand: string, from: Date, to: Date, family: Family): Promise<DayPayload[]> {
    const out: DayPayload[] = [];
    for (const day of daysOverlapping(bucketStart(from), to.getTime())) out.push(...(await this.dayPayloads(brand, day, family)));
    return out;
  }

  /**
   * A topic's series from the days' topic digests where they answer for it (a day folded since its last mention
   * and the topic among its busiest, or absent), else from the day partitions: the same series either way. A day
   * whose partition the session has read already (the top topics' last day) is taken from there.
   */
  override async topicSeries(q: { brand: string; topic: string; kind?: TopicKind; from: Date; to: Date }): Promise<BucketPoint[]> {
    if (!q.kind) return super.topicSeries(q);
    const days = daysOverlapping(bucketStart(q.from), q.to.getTime());
    const together = this.together(q.brand);
    const unread = days.filter((day) => !this.days.has(this.dayKeyOf(q.brand, 'topics', day)));
    const key = `${together.join(',')}|${unread.join(',')}`;
    let d = this.digests.get(key);
    if (!d) this.digests.set(key, (d = unread.length ? this.ledger.topicDigestsOf(together, unread) : Promise.resolve(new Map())));
    const digests = await d;
    const out: DayPayload[] = [];
    for (const day of days) {
      const digest = digests.get(day);
      const payload = digest && digestedTopic(digest.get(q.brand), q.topic, q.kind);
      if (payload) out.push({ day, payload });
      else out.push(...(await this.dayPayloads(q.brand, day, 'topics')));
    }
    return topicSeries(out, q.from.getTime(), q.to.getTime(), q.topic, q.kind);
  }

  /** The session's brands, or only `brand` when it is not one of them (then read and kept on its own). */
  private together(brand: string): readonly string[] {
    return this.brands.includes(brand) ? this.brands : [brand];
  }

  private dayKeyOf(brand: string, family: Family, day: number): string {
    return `${this.brands.includes(brand) ? '' : brand}|${family}|${day}`;
  }

  private async dayPayloads(brand: string, day: number, family: Family): Promise<DayPayload[]> {
    const key = this.dayKeyOf(brand, family, day);
    let p = this.days.get(key);
    if (!p) this.days.set(key, (p = this.ledger.read(this.together(brand), new Date(day), new Date(day + DAY_MS), family)));
    return (await p).get(brand)!;
  }
}
