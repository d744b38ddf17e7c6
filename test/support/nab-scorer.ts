/**
 * Numenta Anomaly Benchmark scoring (v1.1 sweeper semantics), for the detection tests and bench.
 * A detection inside a labelled window scores by how early it is (sigmoid of its relative position,
 * 1 at the window's left edge); only a window's first detection counts; each detection outside every
 * window costs fpWeight scaled by how far it lies past the preceding window (full cost before the first
 * window or 3 window-widths after); a window without detection costs fnWeight; the probationary rows
 * (first 15 %, at most 750) are not scored. Normalised: no detections = 0, perfect = 100.
 */
export interface NabProfile {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

export const NAB_STANDARD: NabProfile = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 };

/** A labelled window, both ends inclusive, epoch ms. */
export interface NabWindow {
  start: number;
  end: number;
}

export interface NabWindowResult extends NabWindow {
  /** Time of the window's first detection, if any. */
  detectedAt?: number;
  score: number;
}

export interface NabResult {
  /** Sum of window and false-positive scores. */
  raw: number;
  /** Raw score of a detector that detects nothing, and of a perfect one. */
  none: number;
  perfect: number;
  windows: NabWindowResult[];
  /** Times of the scored detections outside every window. */
  falsePositives: number[];
}

/** 2·sigmoid(−5x) − 1: about 1 at x = −1 (left window edge), 0 at the right edge, −1 from 3 widths past it. */
export function scaledSigmoid(x: number): number {
  return x >= 3 ? -1 : 2 / (1 + Math.exp(5 * x)) - 1;
}

/** Number of leading rows NAB leaves unscored. */
export function probationaryRows(rows: number): number {
  return Math.min(Math.floor(0.15 * rows), 750);
}

/** Scores one series' detections (`alarms[i]` at `timestamps[i]`) against its labelled windows. */
export function scoreNab(timestamps: readonly number[], alarms: readonly boolean[], windows: readonly NabWindow[], profile: NabProfile = NAB_STANDARD): NabResult {
  const probation = probationaryRows(timestamps.length);
  const located = windows
    .map((w) => ({ ...w, left: timestamps.findIndex((t) => t >= w.start), right: findLastIndex(timestamps, (t) => t <= w.end) }))
    .filter((w) => w.left >= 0 && w.right >= w.left && w.right >= probation);
  const maxTp = scaledSigmoid(-1);
  const results: NabWindowResult[] = located.map((w) => ({ start: w.start, end: w.end, score: -profile.fnWeight }));
  const falsePositives: number[] = [];
  let fpScore = 0;
  for (let i = probation; i < timestamps.length; i++) {
    if (!alarms[i]) continue;
    const w = located.findIndex((x) => i >= x.left && i <= x.right);
    if (w >= 0) {
      const win = located[w]!;
      if (results[w]!.detectedAt === undefined) {
        const width = win.right - win.left + 1;
        results[w] = { ...results[w]!, detectedAt: timestamps[i]!, score: (scaledSigmoid(-(win.right - i + 1) / width) * profile.tpWeight) / maxTp };
      }
      continue;
    }
    const before = located.filter((x) => x.right < i).at(-1);
    const position = before ? (i - before.right) / Math.max(1, before.right - before.left) : 3;
    fpScore += scaledSigmoid(position) * profile.fpWeight;
    falsePositives.push(timestamps[i]!);
  }
  const raw = fpScore + results.reduce((s, r) => s + r.score, 0);
  return { raw, none: -profile.fnWeight * located.length, perfect: profile.tpWeight * located.length, windows: results, falsePositives };
}

/** NAB's normalised score of one or many series: 100 × (raw − none) / (perfect − none). */
export function normalisedScore(results: readonly Pick<NabResult, 'raw' | 'none' | 'perfect'>[]): number {
  const sum = (k: 'raw' | 'none' | 'perfect') => results.reduce((s, r) => s + r[k], 0);
  const span = sum('perfect') - sum('none');
  return span === 0 ? 0 : (100 * (sum('raw') - sum('none'))) / span;
}

/** Parses NAB's timestamps ("2015-03-03 04:37:53" or with ".000000") as UTC epoch ms. */
export function parseNabTime(text: string): number {
  const ms = Date.parse(`${text.slice(0, 19).replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) throw new Error(`not a NAB timestamp: "${text}" (expected "YYYY-MM-DD HH:MM:SS")`);
  return ms;
}

function findLastIndex<T>(xs: readonly T[], pred: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (pred(xs[i]!)) return i;
  return -1;
}
