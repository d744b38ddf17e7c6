import { advanceSignal, LIFECYCLE_DEFAULTS, type LifecycleEvent, type LifecycleOptions } from './lifecycle.js';
import type { Signal, SignalKind, SignalScope } from './signal.js';
import { VOLUME_SURGE_DEFAULTS, VolumeSurgeDetector, type SurgeEvaluation, type VolumeSurgeOptions } from './volume-surge.js';

/** Detector and lifecycle settings shared by the daemon, the CLI and the bench. */
export interface DetectionSettings {
  surge: VolumeSurgeOptions;
  lifecycle: LifecycleOptions;
}

export const DETECTION_DEFAULTS: DetectionSettings = { surge: VOLUME_SURGE_DEFAULTS, lifecycle: LIFECYCLE_DEFAULTS };

/** One bucket of a count series: its start (epoch ms) and count. */
export interface CountPoint {
  start: number;
  count: number;
}

export interface ScannedPoint extends CountPoint {
  evaluation: SurgeEvaluation;
  /** What this bucket did to the series' signal, if anything. */
  event?: LifecycleEvent;
}

export interface ScanTarget {
  brand: string;
  kind: SignalKind;
  scope: SignalScope;
}

/**
 * Runs a series through a surge detector and the signal lifecycle in time order, one bucket at a time,
 * the way the daemon sees it: a bucket's reading is taken when the bucket ends.
 */
export function scanSeries(points: readonly CountPoint[], target: ScanTarget, settings: DetectionSettings = DETECTION_DEFAULTS): { points: ScannedPoint[]; signals: Signal[] } {
  const bucketMs = settings.surge.bucketMinutes * 60_000;
  const detector = new VolumeSurgeDetector(settings.surge);
  const signals: Signal[] = [];
  let current: Signal | undefined;
  const out = points.map((p): ScannedPoint => {
    const evaluation = detector.push(p.count);
    const step = advanceSignal(current, { ...target, at: new Date(p.start + bucketMs), ...readingOf(evaluation) }, settings.lifecycle);
    if (step.event === 'opened') signals.push(step.signal!);
    else if (step.signal && step.event) signals[signals.length - 1] = step.signal;
    current = step.signal;
    return { ...p, evaluation, event: step.event };
  });
  return { points: out, signals };
}

/** The lifecycle's view of a detector reading: whether it triggers or sustains, how strongly, and why. */
export function readingOf(e: SurgeEvaluation): { triggered: boolean; elevated: boolean; strength: number; evidence: { observed: number; expected: number } } {
  return {
    triggered: e.triggered,
    elevated: e.elevated,
    strength: round(e.strength),
    evidence: { observed: e.windowObserved, expected: round(e.windowExpected) },
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * What `detect` says about warm-up: the detector scores nothing until it has `minBaselineDays` of history,
 * so a series shorter than that prints only zeros. Undefined when some point was scored (a longer series
 * warms up silently over its first days, as the daemon does).
 */
export function warmUpNote(points: readonly ScannedPoint[], settings: DetectionSettings = DETECTION_DEFAULTS): string | undefined {
  const waiting = points.filter((p) => !p.evaluation.ready);
  if (waiting.length === 0 || waiting.length < points.length) return undefined;
  const days = settings.surge.minBaselineDays;
  const need = `the detector needs ${days} days of history (${Math.round((days * 1440) / settings.surge.bucketMinutes)} buckets of ${settings.surge.bucketMinutes} min) before it scores`;
  const hours = points.length ? ((points[points.length - 1]!.start - points[0]!.start) / 3_600_000 + settings.surge.bucketMinutes / 60).toFixed(1) : '0';
  return `${need}; this series covers ${hours} h, so every row was scored 0 (warming up): give at least ${days} days`;
}
