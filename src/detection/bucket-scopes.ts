import { Injectable } from '@nestjs/common';
import { markGaps, replayDays, SettledReplay, type BucketReading, type BucketSignalKind } from '../core/detection/bucket-readings.js';
import type { CollectionGap } from '../collection/collection.repository.js';
import { TOP_PLATFORMS, TOP_TOPICS } from '../core/detection/watched-scopes.js';
import { BUCKET_MS, bucketStart, type BucketPoint } from '../core/mention/bucket.js';
import { BucketsService } from '../mentions/buckets.service.js';
import type { ScopedReadings } from './scoped-reading.js';
import { SeriesWindows, TAIL_MS } from './series-window.js';

const DAY_MS = 86_400_000;

/**
 * Reads a brand's bucket series for every watched scope and replays each through its detector:
 * volume, negative and crisis-term series of the brand, volume of its busiest platforms and topics.
 * Cost grows with the buckets read (a bounded window per scope, then its last hour each pass), never with
 * the number of mentions. Window and detector state are kept between passes as a cache only: after a
 * restart the window is read and replayed in full, so nothing needs to survive a restart.
 */
@Injectable()
export class BucketScopes {
  private readonly windows = new SeriesWindows();
  /** Each scope's replay, with the collection gaps it was built with (a new or closed gap rebuilds it). */
  private readonly replays = new Map<string, { gaps: string; replay: SettledReplay }>();

  constructor(private readonly buckets: BucketsService) {}

  /** Forgets a brand's windows and replays: its next pass reads and replays them in full from the stored buckets. */
  forget(brand: string): void {
    this.windows.forget(`${brand}|`);
    for (const key of this.replays.keys()) if (key.startsWith(`${brand}|`)) this.replays.delete(key);
  }

  /** The replay window that ends with the bucket of `now`. */
  static window(now: Date): { from: Date; to: Date } {
    const to = new Date(bucketStart(now) + BUCKET_MS);
    return { from: new Date(to.getTime() - replayDays() * DAY_MS), to };
  }

  /** The counters a pass over `brands` reads: each day once for all of them (see BucketsService.session). */
  session(brands: readonly string[]): BucketsService {
    return this.buckets.session(brands);
  }

  /**
   * `gaps`: the brand's collection gaps in the window; their buckets are replayed as incomplete.
   * `buckets`: the pass's counters session (every scope of the brand derives from the same days of counters).
   */
  async readings(brand: string, now: Date, gaps: readonly CollectionGap[] = [], buckets = this.session([brand])): Promise<{ scopes: ScopedReadings[]; bucketsRead: number }> {
    const { from, to } = BucketScopes.window(now);
    const lastDay = new Date(to.getTime() - DAY_MS);
    const scopes: ScopedReadings[] = [];
    let bucketsRead = 0;
    const add = async (key: string, read: (from: Date, to: Date) => Promise<BucketPoint[]>, make: (detect: (kind: BucketSignalKind) => BucketReading[]) => ScopedReadings[], platform?: string) => {
      const w = await this.windows.get(`${brand}|${key}`, from.getTime(), to.getTime(), now.getTime(), read);
      bucketsRead += w.read;
      // A platform's series is incomplete during its own gaps; the brand's whole series during any.
      const blind = gaps.filter((g) => !platform || g.platform === platform);
      const marked = { ...w, points: markGaps(w.points, blind, now) };
      const signature = blind.map((g) => `${g.source}|${g.since.getTime()}|${g.until?.getTime() ?? ''}`).join(',');
      scopes.push(...make((kind) => this.replay(`${brand}|${key}|${kind}`, kind, marked, signature).readings(marked.points, to.getTime() - TAIL_MS, now)));
    };

    await add('', (f, t) => buckets.series({ brand, from: f, to: t }), (detect) => [
      { kind: 'volume_surge', scope: {}, readings: detect('volume_surge') },
      { kind: 'negative_surge', scope: {}, readings: detect('negative_surge') },
      { kind: 'crisis_burst', scope: {}, readings: detect('crisis_burst') },
    ]);
    const platforms = Object.entries(await buckets.byPlatform({ brand, from: lastDay, to }))
      .filter(([, p]) => p.total > 0)
      .sort(([a, x], [b, y]) => y.total - x.total || a.localeCompare(b))
      .slice(0, TOP_PLATFORMS);
    for (const [platform] of platforms) {
      await add(`platform:${platform}`, (f, t) => buckets.series({ brand, platform, from: f, to: t }), (detect) => [{ kind: 'volume_surge', scope: { platform }, readings: detect('volume_surge') }], platform);
    }
    for (const t of await buckets.topTopics({ brand, from: lastDay, to, kind: 'keyword', limit: TOP_TOPICS })) {
      await add(`topic:${t.topic}`, (f, to2) => buckets.topicSeries({ brand, topic: t.topic, kind: 'keyword', from: f, to: to2 }), (detect) => [{ kind: 'volume_surge', scope: { topic: t.topic }, readings: detect('volume_surge') }]);
    }
    return { scopes, bucketsRead };
  }

  /** The scope's replay, restarted whenever its window was read in full (counters may have been corrected). */
  private replay(key: string, kind: BucketSignalKind, w: { points: BucketPoint[]; full: boolean }, gaps: string): SettledReplay {
    const r = this.replays.get(key);
    if (r && !w.full && r.gaps === gaps && r.replay.continues(w.points)) return r.replay;
    const replay = new SettledReplay(kind, w.points[0]?.start ?? 0);
    this.replays.set(key, { gaps, replay });
    return replay;
  }
}
