import { bucketDetector, type BucketSignalKind, type GapAwarePoint } from '../detection/bucket-readings.js';
import { advanceSignal, LIFECYCLE_DEFAULTS, type LifecycleOptions } from '../detection/lifecycle.js';
import type { Signal, SignalScope } from '../detection/signal.js';
import { BUCKET_MS } from '../mention/bucket.js';

/** One watched series of a brand and the detector that reads it. */
export interface WatchedSeries {
  kind: BucketSignalKind;
  scope: SignalScope;
  /** Oldest first, zero-filled, gap buckets marked; the buckets before the period warm the detector up. */
  points: readonly GapAwarePoint[];
}

/** A signal as the rules would have seen it at `at` (every open, update and close of the period). */
export interface SignalSnapshot {
  at: Date;
  signal: Signal;
}

/**
 * Replays each watched series through its detector and the signal lifecycle, as the daemon does one
 * bucket at a time (a bucket's reading is taken when it ends), and returns the signal snapshots of the
 * period (from, to], oldest first. Buckets before `from` only warm the detector up: the lifecycle starts
 * at `from`, so a surge already running then opens at the period's first reading.
 */
export function signalTimeline(brand: string, series: readonly WatchedSeries[], from: number, to: number, lifecycle: LifecycleOptions = LIFECYCLE_DEFAULTS): SignalSnapshot[] {
  const out: SignalSnapshot[] = [];
  for (const s of series) {
    const detector = bucketDetector(s.kind);
    let signal: Signal | undefined;
    for (const p of s.points) {
      const reading = detector.push(p);
      const at = p.start + BUCKET_MS;
      if (at <= from || at > to) continue;
      const step = advanceSignal(signal, { brand, kind: s.kind, scope: s.scope, at: new Date(at), ...reading }, lifecycle);
      signal = step.signal;
      if (step.event && signal) out.push({ at: new Date(at), signal });
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The snapshots of a stored signal the detectors do not derive from buckets (a viral post, a collection
 * gap): seen on every bucket boundary while it was open, then closed, so rules see it as the daemon did.
 */
export function storedSignalSnapshots(signal: Signal, from: number, to: number): SignalSnapshot[] {
  const out: SignalSnapshot[] = [];
  const last = Math.min((signal.endedAt ?? signal.lastSeenAt).getTime(), to);
  const { endedAt: _ended, ...open } = { ...signal, status: 'open' as const };
  for (let t = Math.max(signal.startedAt.getTime(), from); t <= last; t = (Math.floor(t / BUCKET_MS) + 1) * BUCKET_MS) {
    out.push({ at: new Date(t), signal: { ...open, lastSeenAt: new Date(t) } });
  }
  if (signal.status === 'closed' && signal.endedAt && signal.endedAt.getTime() <= to && signal.endedAt.getTime() > from) {
    out.push({ at: signal.endedAt, signal });
  }
  return out;
}
