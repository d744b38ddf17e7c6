import { BUCKET_MS, firstAtOrAfter, type BucketPoint } from '../mention/bucket.js';
import { NEGATIVE_SURGE_DEFAULTS, NegativeSurgeDetector, type NegativeSurgeState } from './negative-surge.js';
import { readingOf } from './scan.js';
import type { SignalEvidence, SignalKind } from './signal.js';
import { VOLUME_SURGE_DEFAULTS, VolumeSurgeDetector, type VolumeSurgeOptions, type VolumeSurgeState } from './volume-surge.js';

/**
 * Raise whenever a detector's code changes what it keeps or how it reads it: stored checkpoints of another
 * version are not resumed (their options are compared separately, see DETECTOR_FINGERPRINT).
 */
const DETECTOR_STATE_VERSION = 1;

/** What a stored detector checkpoint must match to be resumed: the state version and every detector option. */
export const DETECTOR_FINGERPRINT = JSON.stringify({ v: DETECTOR_STATE_VERSION, bucketMs: BUCKET_MS, volume: VOLUME_SURGE_DEFAULTS, negative: NEGATIVE_SURGE_DEFAULTS });

/** Crisis-term mentions are rare and each one matters: a smaller absolute excess than plain volume. */
export const CRISIS_BURST_DEFAULTS: VolumeSurgeOptions = { ...VOLUME_SURGE_DEFAULTS, minExcess: 3 };

/** The bucket-series detectors: which counter each reads. */
export type BucketSignalKind = Extract<SignalKind, 'volume_surge' | 'negative_surge' | 'crisis_burst'>;

/** A detector reading of one bucket, timed when the daemon can take it (bucket end, or now for the open bucket). */
export interface BucketReading {
  at: Date;
  triggered: boolean;
  elevated: boolean;
  strength: number;
  evidence: SignalEvidence;
}

/**
 * Days of buckets a pass reads so that replaying them rebuilds the streaming detector's state: the
 * seasonal baseline's days plus the week of dispersion and record history kept after it.
 */
export function replayDays(options: VolumeSurgeOptions = VOLUME_SURGE_DEFAULTS): number {
  return options.baselineDays + Math.max(options.recordDays, options.dispersionDays) + 1;
}

/** A bucket with whether a collection gap covers it (its counts are incomplete). */
export type GapAwarePoint = BucketPoint & { gap?: boolean };

/** Marks the points covered by any of the gaps ([since, until), open gaps until now). */
export function markGaps(points: readonly BucketPoint[], gaps: readonly { since: Date; until?: Date }[], now: Date): GapAwarePoint[] {
  if (gaps.length === 0) return [...points];
  return points.map((p) => (gaps.some((g) => p.start + BUCKET_MS > g.since.getTime() && p.start < (g.until ?? now).getTime()) ? { ...p, gap: true } : p));
}

/** A detector over bucket points that can be copied, to evaluate still-changing buckets tentatively. */
export interface BucketDetector {
  push(p: GapAwarePoint): Untimed;
  /** Pushes a point whose reading nobody reads (a settled bucket of a replay): the same state, no reading built. */
  settle(p: GapAwarePoint): void;
  clone(): BucketDetector;
  /** What it has learnt so far, for a checkpoint (plain JSON values). */
  state(): DetectorState;
}

/** A bucket detector's state in a checkpoint: the volume-surge or negative-surge detector's, by kind. */
export type DetectorState = VolumeSurgeState | NegativeSurgeState;

type Untimed = Omit<BucketReading, 'at'>;

/** The detector for `kind`, with the daemon's defaults; in the checkpointed `state` when given (throws when it does not fit). */
export function bucketDetector(kind: BucketSignalKind, state?: DetectorState): BucketDetector {
  if (kind === 'negative_surge') {
    const d = new NegativeSurgeDetector(NEGATIVE_SURGE_DEFAULTS);
    return negativeDetector(state ? d.restored(state as NegativeSurgeState) : d);
  }
  const d = new VolumeSurgeDetector(kind === 'crisis_burst' ? CRISIS_BURST_DEFAULTS : VOLUME_SURGE_DEFAULTS);
  return countDetector(kind, state ? d.restored(state as VolumeSurgeState) : d);
}

function countDetector(kind: 'volume_surge' | 'crisis_burst', d: VolumeSurgeDetector): BucketDetector {
  return {
    push: (p) => readingOf(p.gap ? d.pushGap() : d.push(kind === 'crisis_burst' ? p.crisis : p.total)),
    settle: (p) => void (p.gap ? d.pushGap() : d.push(kind === 'crisis_burst' ? p.crisis : p.total)),
    clone: () => countDetector(kind, d.clone()),
    state: () => d.state(),
  };
}

function negativeDetector(d: NegativeSurgeDetector): BucketDetector {
  return {
    push: (p) => {
      const e = p.gap ? d.pushGap() : d.push(p.total, p.negative);
      const r = readingOf(e);
      return { ...r, evidence: { ...r.evidence, negativeShare: round(e.share), baselineNegativeShare: round(e.baselineShare) } };
    },
    settle: (p) => void (p.gap ? d.pushGap() : d.settle(p.total, p.negative)),
    clone: () => negativeDetector(d.clone()),
    state: () => d.state(),
  };
}

/** Times the readings of the last `last` points: at the bucket's end, or now for the bucket still filling. */
function timed(points: readonly BucketPoint[], readings: Untimed[], now: Date, last: number): BucketReading[] {
  const tail = readings.slice(-last);
  return tail.map((r, k) => ({ ...r, at: new Date(Math.min(points[points.length - tail.length + k]!.start + BUCKET_MS, now.getTime())) }));
}

/** Replays a whole zero-filled series (oldest first, the last bucket possibly still filling) and returns the last readings. */
export function latestReadings(points: readonly BucketPoint[], kind: BucketSignalKind, now: Date, last = 2): BucketReading[] {
  const d = bucketDetector(kind);
  return timed(points, points.map((p) => d.push(p)), now, last);
}

/** A replay's detector as of a settled bucket boundary (`settledUntil`, the start of the first bucket it has not taken). */
export interface ReplayCheckpoint {
  kind: BucketSignalKind;
  settledUntil: number;
  state: DetectorState;
}

/**
 * Whether a checkpointed series may be resumed by a pass at `now` over the window [from, to): its full read is younger
 * than `keptMs` (as long as a running daemon keeps a window before reading it in full again, so the resumed pass gives
 * what that daemon would) and reaches back to the window's start, and all its replays are settled at one bucket inside
 * the window, before its last `tailMs`.
 */
export function resumableCheckpoint(s: { readAt: number; from: number; replays: readonly { settledUntil: number }[] }, now: number, from: number, to: number, keptMs: number, tailMs: number): boolean {
  const fresh = now >= s.readAt && now - s.readAt < keptMs && s.from <= from;
  const at = s.replays[0]?.settledUntil;
  return fresh && at !== undefined && at >= from && at <= to - tailMs && s.replays.every((r) => r.settledUntil === at);
}

/**
 * Incremental replay for the daemon: buckets older than `settledBefore` are final and pushed into the
 * detector once; the newer ones (still receiving late mentions and engagement) are evaluated on a copy
 * each pass. Gives the readings a full replay gives, at the cost of the unsettled tail.
 */
export class SettledReplay {
  private detector: BucketDetector;
  private settledUntil: number;
  /** Nothing settled yet from a fresh detector: a leading run of empty buckets can start from `afterEmptyBuckets`. */
  private fresh: boolean;

  constructor(private readonly kind: BucketSignalKind, firstStart: number, resume?: ReplayCheckpoint) {
    if (resume && resume.kind !== kind) throw new Error(`detector checkpoint: a ${resume.kind} replay cannot resume as ${kind}`);
    this.detector = bucketDetector(kind, resume?.state);
    this.settledUntil = resume?.settledUntil ?? firstStart;
    this.fresh = !resume;
  }

  /** Resumes a checkpointed replay: the next `readings` need only the buckets from `checkpoint.settledUntil` on. */
  static resume(checkpoint: ReplayCheckpoint): SettledReplay {
    return new SettledReplay(checkpoint.kind, checkpoint.settledUntil, checkpoint);
  }

  /** The settled state (nothing tentative): resumed, it gives the readings this replay would give from here on. */
  checkpoint(): ReplayCheckpoint {
    return { kind: this.kind, settledUntil: this.settledUntil, state: this.detector.state() };
  }

  /** Whether `points` continue the series this replay has settled so far (no gap in front). */
  continues(points: readonly BucketPoint[]): boolean {
    return points.length > 0 && points[0]!.start <= this.settledUntil;
  }

  /** `points`: sorted by start, one per bucket (a window's series); only those from `settledUntil` on are visited. */
  readings(points: readonly BucketPoint[], settledBefore: number, now: Date, last = 2): BucketReading[] {
    if (this.fresh) this.settleLeadingEmpty(points, settledBefore);
    let i = firstAtOrAfter(points, this.settledUntil);
    for (; i < points.length && points[i]!.start < settledBefore; i++) {
      this.detector.settle(points[i]!);
      this.settledUntil = points[i]!.start + BUCKET_MS;
    }
    const tentative = this.detector.clone();
    const tail = points.slice(i);
    return timed(tail, tail.map((p) => tentative.push(p)), now, last);
  }

  /** Settles the window's leading run of empty buckets in one step: the detector they leave is the same for every series. */
  private settleLeadingEmpty(points: readonly BucketPoint[], settledBefore: number): void {
    this.fresh = false;
    let n = 0;
    let until = this.settledUntil;
    for (const p of points) {
      if (p.start < until || p.start >= settledBefore || !isEmptyBucket(p)) break;
      n++;
      until = p.start + BUCKET_MS;
    }
    if (n === 0) return;
    this.detector = afterEmptyBuckets(this.kind, n);
    this.settledUntil = until;
  }
}

/** A bucket every detector reads as a plain zero (no gap, no mention, no negative, no crisis term). */
function isEmptyBucket(p: GapAwarePoint): boolean {
  return !p.gap && Object.is(p.total, 0) && Object.is(p.negative, 0) && Object.is(p.crisis, 0);
}

/** Buckets between two kept detectors of an empty run (one day). */
const EMPTY_RUN_STEP = 86_400_000 / BUCKET_MS;
const EMPTY_BUCKET: GapAwarePoint = { start: 0, total: 0, negative: 0, neutral: 0, positive: 0, crisis: 0, likes: 0, shares: 0, comments: 0, views: 0 };
/** By kind, a fresh detector after 0, 1, 2… × `EMPTY_RUN_STEP` settled empty buckets, up to a replay window's days. */
const emptyRuns = new Map<BucketSignalKind, BucketDetector[]>();

/**
 * A fresh detector of `kind` after `n` settled empty buckets: the detector `n` calls of `settle` give, to the last
 * bit, copied from one kept every `EMPTY_RUN_STEP` buckets (each scope's window of a new brand, topic or platform,
 * read in full again every few hours, starts with weeks of them). A pure cache: the same answer with or without it.
 */
export function afterEmptyBuckets(kind: BucketSignalKind, n: number): BucketDetector {
  const kept = emptyRuns.get(kind) ?? [bucketDetector(kind)];
  emptyRuns.set(kind, kept);
  const step = Math.min(Math.floor(n / EMPTY_RUN_STEP), replayDays());
  while (kept.length <= step) {
    const next = kept[kept.length - 1]!.clone();
    for (let i = 0; i < EMPTY_RUN_STEP; i++) next.settle(EMPTY_BUCKET);
    kept.push(next);
  }
  const d = kept[step]!.clone();
  for (let i = step * EMPTY_RUN_STEP; i < n; i++) d.settle(EMPTY_BUCKET);
  return d;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
