// `npm run bench:sentiment [-- DATA_DIR]`: accuracy, macro-F1 and texts/second of goldenhour's analyser on the
// development sets of the development data (bench/support/dev-data.ts; read at run time, never copied), beside vader-sentiment run in
// the same process on the same texts. Protocols from that data's README.md:
//   English (VADER ground truth, mean of ~20 ratings on −4..+4): binary accuracy over items with |mean| > 0.5
//   (sign of score vs sign of mean; a zero score counts as wrong); 3-class macro-F1 with truth neutral when
//   |mean| ≤ 0.5 and predicted neutral when |score| < 0.05.
//   Chinese (label 1/0): accuracy by sign of score (zero counts as wrong); coverage = share labelled non-neutral.
// Then the learned layer (src/core/sentiment/learned): its speed, learning curves on held-out Chinese texts
// (bench/support/learning-curve.ts), the measurement behind MIN_LABELS, its calibration (bench/support/calibration.ts)
// and the time to learn 10,000 labels.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalyzer, parseCrisisTerms } from '../src/core/sentiment/index.js';
import { applyLearned, learnBatch, learnNew, newModel, type LearnedModel } from '../src/core/sentiment/learned/index.js';
import { reportAspects } from './support/aspect-scores.js';
import { reportCalibration } from './support/calibration.js';
import { learnFrom, loadLabelled, reportCurves, reportThreshold } from './support/learning-curve.js';
import { devDataDir } from './support/dev-data.js';

const require = createRequire(import.meta.url);
const vader = (require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } } })
  .SentimentIntensityAnalyzer;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = devDataDir('sentiment')!;
const termsFile = join(root, 'rules', 'crisis-terms.yaml');
const parsedTerms = parseCrisisTerms(readFileSync(termsFile, 'utf8'), termsFile);
if (!parsedTerms.ok) throw new Error(parsedTerms.errors.join('\n'));
const analyzer = createAnalyzer({ crisisTerms: parsedTerms.terms });

interface Item {
  text: string;
  truth: number;
}

type Scorer = (text: string) => number;
const ours: Scorer = (text) => analyzer.analyze({ text }).score;
const theirs: Scorer = (text) => vader.polarity_scores(text).compound;

function load(file: string, truthOf: (row: Record<string, unknown>) => number): Item[] {
  return readFileSync(join(dataDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const row = JSON.parse(line) as Record<string, unknown>;
      return { text: String(row.text), truth: truthOf(row) };
    });
}

const sign = (x: number, band: number): number => (x > band ? 1 : x < -band ? -1 : 0);

function binaryAccuracy(items: Item[], scores: number[], truthBand: number): number {
  let n = 0;
  let right = 0;
  items.forEach((item, i) => {
    const t = sign(item.truth, truthBand);
    if (t === 0) return;
    n++;
    if (sign(scores[i]!, 0) === t) right++;
  });
  return right / n;
}

function macroF1(items: Item[], scores: number[]): number {
  const f1s = [-1, 0, 1].map((cls) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    items.forEach((item, i) => {
      const t = sign(item.truth, 0.5);
      const p = sign(scores[i]!, 0.0499);
      if (p === cls && t === cls) tp++;
      else if (p === cls) fp++;
      else if (t === cls) fn++;
    });
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return f1s.reduce((a, b) => a + b, 0) / 3;
}

const coverage = (scores: number[]): number => scores.filter((s) => Math.abs(s) >= 0.05).length / scores.length;

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Runs a scorer over the texts repeatedly for at least `ms` of this process's CPU time and returns texts per
 * CPU-second: the rate of one core, steady even when other work shares the machine (wall-clock rates drop
 * with the machine's load; both scorers are measured the same way).
 */
function throughput(scorer: Scorer, items: Item[], ms: number): number {
  // Start from a collected heap (scripts/bench.js runs with --expose-gc), so that the garbage of what ran before —
  // the warm-up pass, the first Chinese text's dictionary load — is not charged to this scorer.
  (globalThis as { gc?: () => void }).gc?.();
  let done = 0;
  const start = cpuMs();
  let elapsed = 0;
  while (elapsed < ms) {
    for (const item of items) scorer(item.text);
    done += items.length;
    elapsed = cpuMs() - start;
  }
  return (done / elapsed) * 1000;
}

const fmt = (x: number): string => x.toFixed(3);
const rate = (x: number): string => Math.round(x).toLocaleString('en-US').padStart(9);

/** The analyser with a learned layer on top (a model past its threshold): the speed a brand with labels gets. */
const withModel = (model: LearnedModel): Scorer => (text) => applyLearned(model, text, analyzer.analyze({ text }, { cues: true })).score;

/** Texts per CPU-second with each model's layer, named by its longest character n-gram. */
function report(name: string, items: Item[], english: boolean, models: readonly LearnedModel[]): void {
  const ourScores = items.map((it) => ours(it.text));
  const layerRates = models.map((model) => `${rate(throughput(withModel(model), items, 1500))}${english ? '' : ` (n-grams ≤ ${model.order})`}`);
  const vaderScores = items.map((it) => theirs(it.text));
  const ourRate = throughput(ours, items, 1500);
  const vaderRate = throughput(theirs, items, 1500);
  const quality = english
    ? (s: number[]): string => `acc ${fmt(binaryAccuracy(items, s, 0.5))}  macroF1 ${fmt(macroF1(items, s))}  cover ${fmt(coverage(s))}`
    : (s: number[]): string => `acc ${fmt(binaryAccuracy(items, s, 0))}  cover ${fmt(coverage(s))}`;
  process.stdout.write(
    `${name.padEnd(34)} n=${String(items.length).padEnd(6)} goldenhour ${quality(ourScores)} ${rate(ourRate)} texts/cpu-s` +
      `  | vader-sentiment ${quality(vaderScores)} ${rate(vaderRate)} texts/cpu-s  | with a learned layer ${layerRates.join(', ')} texts/cpu-s\n`,
  );
}

/** A model learnt from the English items with a clear sign (only to time the layer on English texts). */
function englishModel(): LearnedModel {
  const model = newModel();
  const items = load('en/vader-amazonReviewSnippets.jsonl', (row) => Number(row.mean)).filter((it) => Math.abs(it.truth) > 0.5);
  learnBatch(model, items.map((it) => ({ text: it.text, analysis: analyzer.analyze({ text: it.text }), label: it.truth > 0 ? 'positive' : 'negative' })));
  return model;
}

/** Seconds to learn 10,000 labels (Weibo posts) into a new model: the rules' analysis of each text, then the choice of layout and the batch passes. */
function learningTime(): void {
  const texts = loadLabelled(join(dataDir, 'zh', 'weibo2018-train.jsonl')).slice(0, 10000);
  const start = cpuMs();
  const examples = texts.map((x) => ({ text: x.text, analysis: analyzer.analyze({ text: x.text }, { cues: true }), label: x.label === 1 ? ('positive' as const) : ('negative' as const) }));
  const analysed = cpuMs();
  learnNew(examples);
  const done = cpuMs();
  process.stdout.write(`\nlearning ${texts.length} labels: ${((done - start) / 1000).toFixed(2)} cpu-s (rules' analysis ${((analysed - start) / 1000).toFixed(2)} s, model ${((done - analysed) / 1000).toFixed(2)} s)\n`);
}

process.stdout.write(`data: ${dataDir}\ncrisis terms: ${parsedTerms.terms.length} from ${termsFile}\n`);
const english = englishModel();
for (const set of ['tweets', 'amazonReviewSnippets', 'movieReviewSnippets', 'nytEditorialSnippets']) {
  report(`en/vader-${set}`, load(`en/vader-${set}.jsonl`, (row) => Number(row.mean)), true, [english]);
}
// The model ChnSentiCorp's labels choose (character trigrams) and, beside it, the default layout learnt from the same labels.
const csLabels = loadLabelled(join(dataDir, 'zh', 'chnsenticorp-train.jsonl'));
const chinese = learnFrom(analyzer, csLabels, Infinity);
const bigrams = newModel();
learnBatch(bigrams, csLabels.map((x) => ({ text: x.text, analysis: analyzer.analyze({ text: x.text }, { cues: true }), label: x.label === 1 ? 'positive' : 'negative' })));
for (const set of ['chnsenticorp-dev', 'waimai_10k', 'weibo2018-train']) {
  report(`zh/${set}`, load(`zh/${set}.jsonl`, (row) => (row.label === 1 ? 1 : -1)), false, [chinese, bigrams]);
}
reportCurves(analyzer, dataDir, [200, 1000]);
reportThreshold(analyzer, dataDir, [50, 100, 150, 200, 400]);
reportCalibration(analyzer, dataDir);
learningTime();
reportAspects(analyzer, root);
