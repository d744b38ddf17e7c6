// `npm run bench:detect [-- DATA_DIR]`: goldenhour's volume-surge detector (daemon defaults, alarms as is:
// one per new signal) on the NAB realTweets series of the development data (bench/support/dev-data.ts; read at run time,
// never copied), scored with the NAB standard profile (test/support/nab-scorer.ts). Also per file:
//   delay: minutes from each labelled time to the first alarm in [label − 60 min, window end] (negative = early);
//   false-alarm episodes per series-day: alarms outside every labelled window, over the scored part of the series;
// and the time per 10,000 buckets. Two textbook detectors run through the same signal lifecycle for comparison:
// a Poisson test against the trailing 24-hour mean and a rolling 24-hour z-score.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCountSeries, toCountPoints } from '../src/core/detection/count-series.js';
import { advanceSignal, type LifecycleEvent } from '../src/core/detection/lifecycle.js';
import { DETECTION_DEFAULTS, scanSeries, type CountPoint, type DetectionSettings } from '../src/core/detection/scan.js';
import { normalisedScore, parseNabTime, probationaryRows, scoreNab, type NabResult } from '../test/support/nab-scorer.js';
import { median, reportCrossValidation } from './support/detect-cv.js';
import { devDataDir } from './support/dev-data.js';

const dataDir = devDataDir('spikes/nab-realTweets')!;
const windows = JSON.parse(readFileSync(join(dataDir, 'windows.json'), 'utf8')) as Record<string, [string, string][]>;
const labels = JSON.parse(readFileSync(join(dataDir, 'labels.json'), 'utf8')) as Record<string, string[]>;
const files = readdirSync(dataDir).filter((f) => f.endsWith('.csv')).sort();

/** Per bucket: whether a new signal opened (the alarm) and whether the detector flagged a surge. */
type Detector = (points: CountPoint[]) => { opened: boolean[]; triggered: boolean[] };

const goldenhourWith = (settings: DetectionSettings): Detector => (points) => {
  const scanned = scanSeries(points, { brand: 'bench', kind: 'volume_surge', scope: {} }, settings).points;
  return { opened: scanned.map((p) => p.event === 'opened'), triggered: scanned.map((p) => p.evaluation.triggered) };
};
const goldenhour = goldenhourWith(DETECTION_DEFAULTS);

/** A textbook per-bucket test (trigger while the statistic exceeds `open`) through the same lifecycle. */
function textbook(statistic: (count: number, history: number[]) => number, open: number): Detector {
  return (points) => {
    const history: number[] = [];
    let signal: Parameters<typeof advanceSignal>[0];
    const triggered: boolean[] = [];
    const opened = points.map((p) => {
      const s = history.length >= 288 ? statistic(p.count, history) : 0;
      history.push(p.count);
      if (history.length > 288) history.shift();
      const step = advanceSignal(signal, {
        brand: 'bench', kind: 'volume_surge', scope: {}, at: new Date(p.start + 300_000),
        triggered: s >= open, elevated: s >= open / 2, strength: s, evidence: {},
      });
      signal = step.signal;
      triggered.push(s >= open);
      return (step.event as LifecycleEvent | undefined) === 'opened';
    });
    return { opened, triggered };
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
// Anscombe z under Poisson: 2(√(x+3/8) − √(μ+3/8)); 3.72 is a one-sided p of 1e-4.
const poisson = textbook((x, h) => 2 * (Math.sqrt(x + 3 / 8) - Math.sqrt(mean(h) + 3 / 8)), 3.72);
const zScore = textbook((x, h) => {
  const m = mean(h);
  const sd = Math.sqrt(mean(h.map((v) => (v - m) ** 2)));
  return sd > 0 ? (x - m) / sd : 0;
}, 4);

interface FileResult {
  file: string;
  nab: NabResult;
  delays: (number | undefined)[];
  flagDelays: (number | undefined)[];
  falseAlarms: number;
  days: number;
}

function evaluate(file: string, detect: Detector): FileResult {
  const series = parseCountSeries(readFileSync(join(dataDir, file), 'utf8'), file);
  const { points, pointOfRow } = toCountPoints(series);
  const { opened, triggered } = detect(points);
  const times = series.rows.map((r) => r.time);
  const alarms = pointOfRow.map((p) => opened[p]!);
  const flags = pointOfRow.map((p) => triggered[p]!);
  const wins = (windows[file] ?? []).map(([a, b]) => ({ start: parseNabTime(a), end: parseNabTime(b) }));
  const nab = scoreNab(times, alarms, wins);
  const delaysBy = (marks: boolean[]) => (labels[file] ?? []).map((l) => {
    const label = parseNabTime(l);
    const end = wins.find((w) => w.start <= label && label <= w.end)?.end ?? label;
    const i = times.findIndex((t, k) => marks[k] && t >= label - 3_600_000 && t <= end);
    return i < 0 ? undefined : (times[i]! - label) / 60_000;
  });
  const scoredFrom = times[probationaryRows(times.length)] ?? times[0]!;
  return { file, nab, delays: delaysBy(alarms), flagDelays: delaysBy(flags), falseAlarms: nab.falsePositives.length, days: (times[times.length - 1]! - scoredFrom) / 86_400_000 };
}

const show = (ds: (number | undefined)[]) => ds.map((d) => (d === undefined ? 'missed' : String(d))).join(', ');

function report(name: string, detect: Detector, detail: boolean): void {
  const results = files.map((f) => evaluate(f, detect));
  process.stdout.write(`\n### ${name}\n`);
  if (detail) {
    process.stdout.write('file                         NAB   windows hit  false alarms  per day  delays label→new signal | label→surge flagged (min)\n');
    for (const r of results) {
      const hit = r.nab.windows.filter((w) => w.detectedAt !== undefined).length;
      process.stdout.write(
        `${r.file.padEnd(28)} ${normalisedScore([r.nab]).toFixed(1).padStart(5)}  ${`${hit}/${r.nab.windows.length}`.padStart(9)}  ${String(r.falseAlarms).padStart(12)}  ${(r.falseAlarms / r.days).toFixed(3).padStart(7)}  ${show(r.delays)} | ${show(r.flagDelays)}\n`,
      );
    }
  }
  const delays = results.flatMap((r) => r.delays);
  const found = delays.filter((d): d is number => d !== undefined);
  const flagged = results.flatMap((r) => r.flagDelays).filter((d): d is number => d !== undefined);
  const falseAlarms = results.reduce((s, r) => s + r.falseAlarms, 0);
  const days = results.reduce((s, r) => s + r.days, 0);
  process.stdout.write(
    `overall NAB ${normalisedScore(results.map((r) => r.nab)).toFixed(1)} | labels with a new signal ${found.length}/${delays.length}, median delay ${median(found) ?? '–'} min; labels flagged as surge ${flagged.length}/${delays.length}, median delay ${median(flagged) ?? '–'} min | false-alarm episodes ${falseAlarms} = ${(falseAlarms / days).toFixed(3)} per series-day\n`,
  );
}

/**
 * Leave-one-series-out cross-validation. A surge opens when a window's robust z reaches what noise alone would reach
 * as its maximum over the record period at that scale (derived, not a setting) and the window beats every count of
 * the last `recordDays` days at its scale. Tuned inside every fold: the record memory, and minExcess (it guards series
 * of a few mentions a bucket; on these, tens to hundreds a bucket, 0 and 10 give the same alarms). The defaults come
 * first, so they win ties. Then a sensitivity check: the level that keeps a surge open (closeZ) tuned as well.
 */
function crossValidate(): void {
  const d = DETECTION_DEFAULTS.surge;
  type Candidate = { closeZ: number; recordDays: number; minExcess: number };
  const memo = new Map<string, FileResult>();
  const run = (f: string, c: Candidate) => {
    const key = `${f}|${c.closeZ}|${c.recordDays}|${c.minExcess}`;
    if (!memo.has(key)) memo.set(key, evaluate(f, goldenhourWith({ ...DETECTION_DEFAULTS, surge: { ...d, ...c } })));
    return memo.get(key)!;
  };
  const describe = (c: Candidate) => `recordDays ${c.recordDays}, minExcess ${c.minExcess}, closeZ ${c.closeZ}`;
  const write = (s: string) => process.stdout.write(s);
  const memories = [d.recordDays, ...[7, 14, 21, 28].filter((r) => r !== d.recordDays)];
  const shipped = memories.flatMap((recordDays) => [d.minExcess, 0].map((minExcess) => ({ closeZ: d.closeZ, recordDays, minExcess })));
  reportCrossValidation('volume surge, recordDays × minExcess (every setting of the opening rule tuned per fold)', shipped, describe, files, run, write);
  const zs = [d.closeZ, ...[1.5, 2, 3].filter((z) => z !== d.closeZ)];
  const sensitivity = memories.flatMap((recordDays) => zs.map((closeZ) => ({ closeZ, recordDays, minExcess: d.minExcess })));
  reportCrossValidation('sensitivity: recordDays × closeZ (the level that keeps a surge open) tuned per fold', sensitivity, describe, files, run, write);
}

function timePer10k(): void {
  const all = files.map((f) => toCountPoints(parseCountSeries(readFileSync(join(dataDir, f), 'utf8'), f)).points);
  const buckets = all.reduce((s, p) => s + p.length, 0);
  goldenhour(all[0]!);
  const rounds = 3;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const points of all) goldenhour(points);
  const ms = (performance.now() - t0) / rounds;
  process.stdout.write(`\ntime: ${((ms / buckets) * 10_000).toFixed(1)} ms per 10,000 buckets (detector + lifecycle, ${buckets} buckets, mean of ${rounds} rounds)\n`);
}

process.stdout.write(`NAB standard profile on ${files.length} series from ${dataDir}; detector defaults: ${JSON.stringify(DETECTION_DEFAULTS)}\n`);
report('goldenhour volume surge (alarms = new signals)', goldenhour, true);
crossValidate();
report('comparison: Poisson test vs trailing 24 h mean, same lifecycle', poisson, false);
report('comparison: rolling 24 h z-score > 4, same lifecycle', zScore, false);
timePer10k();
