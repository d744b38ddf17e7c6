// Leave-one-series-out cross-validation for bench/detect.ts: every candidate setting is run on every series
// once, then each series is scored with the candidate chosen on the other four (src/core/detection/cross-validation.ts).
import { leaveOneSeriesOut } from '../../src/core/detection/cross-validation.js';
import { normalisedScore, type NabResult } from '../../test/support/nab-scorer.js';

export interface SeriesScore {
  nab: NabResult;
  delays: (number | undefined)[];
  falseAlarms: number;
  days: number;
}

export function median(xs: number[]): number | undefined {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : undefined;
}

/** Runs `evaluate` for every candidate × series, prints per series in-sample and held-out figures and their means. */
export function reportCrossValidation<C>(title: string, candidates: readonly C[], describe: (c: C) => string, files: readonly string[], evaluate: (file: string, c: C) => SeriesScore, write: (s: string) => void): void {
  const scores = candidates.map((c) => files.map((f) => evaluate(f, c)));
  const cv = leaveOneSeriesOut(candidates, files, scores, (rs) => normalisedScore(rs.map((r) => r.nab)));
  const at = (c: C) => candidates.indexOf(c);
  write(`\n### ${title}: leave-one-series-out cross-validation over ${candidates.length} candidate settings\n`);
  write(`chosen on all ${files.length} series (in-sample): ${describe(cv.inSampleChoice)}\n`);
  write('held-out series              in-sample  held-out  false alarms/day  median delay  chosen on the other series\n');
  const heldOut = cv.folds.map((f, s) => scores[at(f.chosen)]![s]!);
  cv.folds.forEach((f, s) => {
    const r = heldOut[s]!;
    const found = r.delays.filter((d): d is number => d !== undefined);
    write(
      `${f.series.padEnd(28)} ${f.inSample.toFixed(1).padStart(9)}  ${f.heldOut.toFixed(1).padStart(8)}  ${(r.falseAlarms / r.days).toFixed(3).padStart(16)}  ${`${median(found) ?? '–'} min (${found.length}/${r.delays.length})`.padStart(12)}  ${describe(f.chosen)}\n`,
    );
  });
  const found = heldOut.flatMap((r) => r.delays).filter((d): d is number => d !== undefined);
  const falseAlarms = heldOut.reduce((s, r) => s + r.falseAlarms, 0);
  const days = heldOut.reduce((s, r) => s + r.days, 0);
  write(
    `mean NAB in-sample ${cv.meanInSample.toFixed(1)} | held-out ${cv.meanHeldOut.toFixed(1)} (pooled held-out ${normalisedScore(heldOut.map((r) => r.nab)).toFixed(1)}) | held-out false-alarm episodes ${(falseAlarms / days).toFixed(3)} per series-day | held-out median delay ${median(found) ?? '–'} min over ${found.length}/${heldOut.flatMap((r) => r.delays).length} labels\n`,
  );
}
