// Calibration of the learned sentiment layer (src/core/sentiment/learned): its score is 2p − 1 for the model's
// probability p of "positive", so among held-out texts scored near p the share that is positive should be near p.
// Measured on the learning-curve splits (bench/support/learning-curve.ts), beside the rules' score read the same way.
import type { Analyzer } from '../../src/core/sentiment/index.js';
import { applyLearned } from '../../src/core/sentiment/learned/index.js';
import { curveSets, learnFrom, type Labelled } from './learning-curve.js';

const BINS = 10;

interface Reliability {
  /** Expected calibration error: the mean gap between p and the share positive in its bin, weighted by texts. */
  ece: number;
  /** Per bin with texts: mean p, share positive, texts. */
  bins: { p: number; positive: number; n: number }[];
}

/** Reliability of scores on the −1..+1 scale read as probabilities p = (1 + score)/2. */
export function reliability(scores: readonly number[], truth: readonly Labelled[]): Reliability {
  const sums = Array.from({ length: BINS }, () => ({ p: 0, positive: 0, n: 0 }));
  scores.forEach((score, i) => {
    const p = (1 + score) / 2;
    const bin = sums[Math.min(BINS - 1, Math.max(0, Math.floor(p * BINS)))]!;
    bin.p += p;
    bin.positive += truth[i]!.label;
    bin.n++;
  });
  const ece = sums.reduce((gap, b) => gap + Math.abs(b.p - b.positive), 0) / scores.length;
  return { ece, bins: sums.filter((b) => b.n > 0).map((b) => ({ p: b.p / b.n, positive: b.positive / b.n, n: b.n })) };
}

/**
 * Prints, per Chinese set, the ECE of the rules' score and of the layer learnt from all training labels on the
 * held-out texts, then the layer's bins as "mean p→share positive" (bins of 20 texts or more).
 */
export function reportCalibration(analyzer: Analyzer, dataDir: string): void {
  process.stdout.write('\ncalibration on held-out texts (p = (1 + score)/2 in ten bins; ECE = mean |p − share positive|, weighted by texts):\n');
  for (const set of curveSets(dataDir)) {
    const analyses = set.test.map((x) => analyzer.analyze({ text: x.text }, { cues: true }));
    const model = learnFrom(analyzer, set.train, Infinity);
    const rules = reliability(analyses.map((a) => a.score), set.test);
    const layer = reliability(set.test.map((x, i) => applyLearned(model, x.text, analyses[i]!).score), set.test);
    const bins = layer.bins
      .filter((b) => b.n >= 20)
      .map((b) => `${b.p.toFixed(2)}→${b.positive.toFixed(2)}`)
      .join(' ');
    process.stdout.write(`  zh/${set.name.padEnd(32)} rules ECE ${rules.ece.toFixed(3)}  layer ECE ${layer.ece.toFixed(3)}  layer bins ${bins}\n`);
  }
}
