import { Injectable, Logger } from '@nestjs/common';
import { DETECTOR_FINGERPRINT, markGaps, replayDays, resumableCheckpoint, SettledReplay, type BucketReading, type BucketSignalKind } from '../core/detection/bucket-readings.js';
import type { CollectionGap } from '../collection/collection.repository.js';
import { TOP_PLATFORMS, TOP_TOPICS } from '../core/detection/watched-scopes.js';
import { BUCKET_MS, bucketStart, type BucketPoint } from '../core/mention/bucket.js';
import { BucketsService } from '../mentions/buckets.service.js';
import { Runtime } from '../platform/runtime.js';
import { DetectorCheckpoints, type ScopeCheckpoint } from './detector-checkpoints.repository.js';
import type { ScopedReadings } from './scoped-reading.js';
import { FULL_REFRESH_MS, SeriesWindows, TAIL_MS } from './series-window.js';

const DAY_MS = 86_400_000;
/** A brand's checkpoint is rewritten at most this often (and when a window was read in full again). */
const CHECKPOINT_EVERY_MS = 10 * 60_000;

/**
 * Reads a brand's bucket series for every watched scope and replays each through its detector:
 * volume, negative and crisis-term series of the brand, volume of its busiest platforms and topics.
 * Cost grows with the buckets read (a bounded window per scope, then its last hour each pass), never with
 * the number of mentions. Window and detector state are kept between passes as a cache only, and checkpointed
 * per brand (detector_checkpoints, written by the pass holding the brand's lease): a restarted or taking-over
 * daemon resumes the replays from there and reads only the buckets since. A checkpoint is used only as long as
 * the daemon that wrote it would have kept its window (`FULL_REFRESH_MS` after the window's full read), with
 * the same collection gaps and detector fingerprint, so a resumed pass gives what that daemon's next pass
 * would have given; otherwise the window is read and replayed in full, as without one.
 */
@Injectable()
export class BucketScopes {
  private readonly logger = new Logger(BucketScopes.name);
  private readonly windows = new SeriesWindows();
  /** Each scope's replay, with the collection gaps it was built with (a new or closed gap rebuilds it). */
  private readonly replays = new Map<string, { gaps: string; replay: SettledReplay }>();
  /** The replays each brand's last pass used, by series key then kind: what its checkpoint holds. */
  private readonly used = new Map<string, Map<string, { gaps: string; kinds: BucketSignalKind[] }>>();
  /** When each brand's checkpoint was last written or resumed here, and the full reads it held. */
  private readonly saved = new Map<string, { at: number; reads: string }>();

  constructor(
    private readonly buckets: BucketsService,
    private readonly checkpoints: DetectorCheckpoints,
    private readonly runtime: Runtime,
  ) {}

  /** Forgets a brand's windows and replays: its next pass reads and replays them in full from the stored buckets. */
  forget(brand: string): void {
    this.windows.forget(`${brand}|`);
    for (const key of this.replays.keys()) if (key.startsWith(`${brand}|`)) this.replays.delete(key);
    this.used.delete(brand);
    this.saved.delete(brand);
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
    const stored = await this.resumable(brand, now);
    const used = new Map<string, { gaps: string; kinds: BucketSignalKind[] }>();
    this.used.set(brand, used);
    const add = async (key: string, read: (from: Date, to: Date) => Promise<BucketPoint[]>, make: (detect: (kind: BucketSignalKind) => BucketReading[]) => ScopedReadings[], platform?: string) => {
      // A platform's series is incomplete during its own gaps; the brand's whole series during any.
      const blind = gaps.filter((g) => !platform || g.platform === platform);
      const signature = blind.map((g) => `${g.source}|${g.since.getTime()}|${g.until?.getTime() ?? ''}`).join(',');
      const cp = stored.get(key);
      if (cp && cp.gaps === signature) bucketsRead += await this.resume(brand, cp, to, read);
      const w = await this.windows.get(`${brand}|${key}`, from.getTime(), to.getTime(), now.getTime(), read);
      bucketsRead += w.read;
      const marked = { ...w, points: markGaps(w.points, blind, now) };
      const scope = { gaps: signature, kinds: [] as BucketSignalKind[] };
      used.set(key, scope);
      scopes.push(...make((kind) => {
        scope.kinds.push(kind);
        return this.replay(`${brand}|${key}|${kind}`, kind, marked, signature).readings(marked.points, to.getTime() - TAIL_MS, now);
      }));
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

  /**
   * Writes the brand's checkpoint (its last pass's replays) when none was written or resumed here for
   * `CHECKPOINT_EVERY_MS`, or a window was read in full since. Call it under the brand's lease, after a pass.
   * Never on a private database (`goldenhour replay`'s): no other process or later start will read it.
   */
  async saveCheckpoint(brand: string, now: Date): Promise<boolean> {
    if (this.runtime.privateDatabase) return false;
    const scopes: ScopeCheckpoint[] = [];
    for (const [key, { gaps, kinds }] of this.used.get(brand) ?? []) {
      const read = this.windows.coverage(`${brand}|${key}`);
      const replays = kinds.map((kind) => this.replays.get(`${brand}|${key}|${kind}`)?.replay.checkpoint());
      if (read && replays.every((r) => r !== undefined)) scopes.push({ key, ...read, gaps, replays: replays as NonNullable<(typeof replays)[number]>[] });
    }
    const reads = scopes.map((s) => `${s.key}@${s.readAt}`).join(',');
    const last = this.saved.get(brand);
    if (!scopes.length || (last && last.reads === reads && now.getTime() - last.at < CHECKPOINT_EVERY_MS && now.getTime() >= last.at)) return false;
    await this.checkpoints.save({ brand, fingerprint: DETECTOR_FINGERPRINT, savedAt: now, scopes });
    this.saved.set(brand, { at: now.getTime(), reads });
    return true;
  }

  /**
   * The brand's checkpointed scopes a pass at `now` may resume, by series key: none while this process keeps the
   * brand's windows, and only those whose full read is recent enough to be kept in memory too (see the class).
   */
  private async resumable(brand: string, now: Date): Promise<Map<string, ScopeCheckpoint>> {
    const out = new Map<string, ScopeCheckpoint>();
    if (this.windows.coverage(`${brand}|`)) return out;
    const cp = await this.checkpoints.get(brand).catch((err: Error) => {
      this.logger.warn({ event: 'detector_checkpoint_unreadable', brand, error: err.message });
      return undefined;
    });
    if (!cp || cp.fingerprint !== DETECTOR_FINGERPRINT) return out;
    const { from, to } = BucketScopes.window(now);
    for (const s of cp.scopes) {
      if (resumableCheckpoint(s, now.getTime(), from.getTime(), to.getTime(), FULL_REFRESH_MS, TAIL_MS)) out.set(s.key, s);
    }
    this.saved.set(brand, { at: cp.savedAt.getTime(), reads: cp.scopes.map((s) => `${s.key}@${s.readAt}`).join(',') });
    return out;
  }

  /** Resumes a scope's replays from its checkpoint, reading its buckets since; returns the buckets read (0 when it does not fit). */
  private async resume(brand: string, cp: ScopeCheckpoint, to: Date, read: (from: Date, to: Date) => Promise<BucketPoint[]>): Promise<number> {
    let replays: SettledReplay[];
    try {
      replays = cp.replays.map((r) => SettledReplay.resume(r));
    } catch (err) {
      this.logger.warn({ event: 'detector_checkpoint_unfit', brand, scope: cp.key, error: (err as Error).message });
      return 0;
    }
    const points = await read(new Date(cp.replays[0]!.settledUntil), to);
    this.windows.resume(`${brand}|${cp.key}`, points, cp.from, cp.readAt);
    cp.replays.forEach((r, i) => this.replays.set(`${brand}|${cp.key}|${r.kind}`, { gaps: cp.gaps, replay: replays[i]! }));
    return points.length;
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
