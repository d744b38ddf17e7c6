// Learning curves of the learned sentiment layer (src/core/sentiment/learned) on the Chinese development sets:
// a model is learnt from N labelled texts of a training part and scored on a test part that shares no text
// with it. ChnSentiCorp: learnt from chnsenticorp-train, scored on the chnsenticorp-dev texts that are not in
// it; waimai and Weibo: a fixed split of each file (every 4th line is test: the files are sorted by label).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Analyzer } from '../../src/core/sentiment/index.js';
import { applyLearned, learnNew, MIN_LABELS, type Example, type LearnedModel } from '../../src/core/sentiment/learned/index.js';
import type { Analysis } from '../../src/core/sentiment/types.js';

export interface Labelled {
  text: string;
  label: 1 | 0;
}

export function loadLabelled(file: string): Labelled[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; label: number })
    .map((r) => ({ text: String(r.text), label: r.label === 1 ? 1 : 0 }));
}

/** A fixed pseudo-random order (LCG), so that "the first 200 labels" are a stable mix of both classes. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = Math.floor((s / 2 ** 32) * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface CurveSet {
  name: string;
  train: Labelled[];
  test: Labelled[];
}

export function curveSets(dataDir: string): CurveSet[] {
  const zh = (f: string): Labelled[] => loadLabelled(join(dataDir, 'zh', f));
  const csTrain = zh('chnsenticorp-train.jsonl');
  const seen = new Set(csTrain.map((x) => x.text));
  const bySplit = (name: string, all: Labelled[]): CurveSet => ({ name, train: all.filter((_, i) => i % 4 !== 3), test: all.filter((_, i) => i % 4 === 3) });
  return [
    { name: 'chnsenticorp train→dev (unseen)', train: csTrain, test: zh('chnsenticorp-dev.jsonl').filter((x) => !seen.has(x.text)) },
    bySplit('waimai_10k 3/4→1/4', zh('waimai_10k.jsonl')),
    bySplit('weibo2018 3/4→1/4', zh('weibo2018-train.jsonl')),
  ];
}

const asExample = (x: Labelled, analysis: Analysis): Example => ({ text: x.text, analysis, label: x.label === 1 ? 'positive' : 'negative' });

/** Accuracy by sign of score, zero counting as wrong (the Chinese protocol of the README). */
export function accuracy(model: LearnedModel | null, test: readonly Labelled[], analyses: readonly Analysis[]): number {
  let right = 0;
  test.forEach((x, i) => {
    const s = applyLearned(model, x.text, analyses[i]!).score;
    if ((x.label === 1 && s > 0) || (x.label === 0 && s < 0)) right++;
  });
  return right / test.length;
}

/**
 * Learns from the first n of a fixed shuffle of the training part as an import into a new model does (its layout
 * chosen by those labels alone: learnNew), ignoring MIN_LABELS, to measure below it.
 */
export function learnFrom(analyzer: Analyzer, train: readonly Labelled[], n: number, seed = 7): LearnedModel {
  const picked = shuffled(train, seed).slice(0, n);
  const model = learnNew(picked.map((x) => asExample(x, analyzer.analyze({ text: x.text }, { cues: true }))));
  // Scored as if past the threshold, so that the curve shows where the layer starts to help.
  model.labels = Math.max(model.labels, MIN_LABELS);
  return model;
}

/**
 * Mean accuracy of k-fold cross-validation inside the training part (what the layer's settings were chosen by);
 * each fold's model chooses its layout from its own labels, as the learner does.
 */
function crossValidated(analyzer: Analyzer, train: readonly Labelled[], k = 3): number {
  let sum = 0;
  for (let fold = 0; fold < k; fold++) {
    const test = train.filter((_, i) => i % k === fold);
    const model = learnFrom(analyzer, train.filter((_, i) => i % k !== fold), Infinity);
    sum += accuracy(model, test, test.map((x) => analyzer.analyze({ text: x.text }, { cues: true })));
  }
  return sum / k;
}

/**
 * Prints the curve: accuracy on the held-out texts with 0 labels (the rules) and with each n labels; then,
 * for the model of all labels, its accuracy on the texts it learnt from (in-sample) and the 3-fold
 * cross-validated accuracy inside the training part.
 */
export function reportCurves(analyzer: Analyzer, dataDir: string, sizes: readonly number[]): void {
  process.stdout.write(`\nlearning curve (accuracy on held-out texts never learnt from; 0 = rules alone; layer used from ${MIN_LABELS} labels):\n`);
  for (const set of curveSets(dataDir)) {
    const analyses = set.test.map((x) => analyzer.analyze({ text: x.text }, { cues: true }));
    const cells = [`0: ${accuracy(null, set.test, analyses).toFixed(3)}`];
    for (const n of [...sizes.filter((s) => s < set.train.length), set.train.length]) {
      const model = learnFrom(analyzer, set.train, n);
      cells.push(`${n === set.train.length ? `all ${n} (n-grams ≤ ${model.order})` : n}: ${accuracy(model, set.test, analyses).toFixed(3)}`);
      if (n === set.train.length) {
        const inSample = accuracy(model, set.train, set.train.map((x) => analyzer.analyze({ text: x.text }, { cues: true })));
        cells.push(`| in-sample ${inSample.toFixed(3)}  3-fold cv in train ${crossValidated(analyzer, set.train).toFixed(3)}`);
      }
    }
    process.stdout.write(`  zh/${set.name.padEnd(32)} test n=${String(set.test.length).padEnd(5)} ${cells.join('  ')}\n`);
  }
}

/** Draws of the labels per size when choosing MIN_LABELS: with five, one draw of 200 long reviews moved the mean by ±0.005. */
const DRAWS = 20;

/**
 * How MIN_LABELS was chosen: for each small label count, the gain over the rules on every set, averaged over
 * DRAWS different draws of the labels, with its standard error and how many draws lost to the rules. The layer
 * is worth using from the smallest count whose mean gain is above two standard errors on every set and at which no
 * draw loses on the sets of short texts (waimai, Weibo): long reviews keep losing some draws for longer.
 */
export function reportThreshold(analyzer: Analyzer, dataDir: string, sizes: readonly number[]): void {
  process.stdout.write(`\nmean gain over the rules ± standard error, ${DRAWS} draws of the labels, (draws that lost) (choosing MIN_LABELS):\n`);
  for (const set of curveSets(dataDir)) {
    const analyses = set.test.map((x) => analyzer.analyze({ text: x.text }, { cues: true }));
    const rules = accuracy(null, set.test, analyses);
    const cells = sizes.map((n) => {
      const gains = Array.from({ length: DRAWS }, (_, d) => accuracy(learnFrom(analyzer, set.train, n, 11 + d), set.test, analyses) - rules);
      const mean = gains.reduce((a, b) => a + b, 0) / DRAWS;
      const se = Math.sqrt(gains.reduce((a, g) => a + (g - mean) ** 2, 0) / (DRAWS - 1) / DRAWS);
      return `${n}: ${mean >= 0 ? '+' : ''}${mean.toFixed(3)}±${se.toFixed(3)} (${gains.filter((g) => g < 0).length})`;
    });
    process.stdout.write(`  zh/${set.name.padEnd(32)} ${cells.join('  ')}\n`);
  }
}
