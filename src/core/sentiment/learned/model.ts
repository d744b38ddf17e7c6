import { HASH_BITS, type Features, type Layout } from './features.js';

/**
 * A logistic regression over hashed n-grams plus the rules' verdict, with each n-gram's value scaled by its
 * naive-Bayes log-count ratio (NB-SVM, Wang & Manning 2012, with a logistic loss): the ratio says which way an
 * n-gram leans from the labels alone, and the regression learns how far to trust it. Trained by AdaGrad: each
 * slot gets its own step size, so a rare n-gram learns fast from its first labels while the frequent ones settle.
 * It starts as the rules: the rule feature's weight starts at 2 (tanh(2·atanh(r)/2) = r) and every other
 * weight at 0, so a model that has learnt nothing scores exactly as the rules do.
 */
export interface LearnedModel extends Layout {
  /** One entry per slot of the 2^bits table. */
  weights: Float32Array;
  /** AdaGrad's sum of squared gradients per slot: kept so that learning can resume after a reload. */
  squares: Float32Array;
  /** Per slot, how many positive and how many negative texts had it (neutral labels count in neither). */
  positives: Float32Array;
  negatives: Float32Array;
  positiveTexts: number;
  negativeTexts: number;
  /** log((positives+1)/(negatives+1)) per slot, kept in step with the counts (derived: not stored). */
  leanings: Float32Array;
  /** Per slot, weight × ratio: what scoring reads (one array, as fast as a plain regression); rebuilt after learning. */
  pulls: Float32Array | null;
  ruleWeight: number;
  ruleSquares: number;
  bias: number;
  biasSquares: number;
  /** Labels learnt from (each counted once, however many passes training made). */
  labels: number;
}

/** The rule feature's starting weight: the learned score equals the rule score until labels move it. */
export const RULE_PRIOR = 2;
/** AdaGrad's base step; 0.2 chosen by 3-fold cross-validation inside the training parts (0.1 and 0.5 were worse). */
const STEP = 0.2;
/** L2 pull on each touched weight (towards 0, and the rule weight towards its prior): keeps rare n-grams modest. */
const L2 = 1e-5;

/** A model that has learnt nothing; new ones have the current layout, a stored model's is given when reading it. */
export function newModel(layout: Layout = { bits: HASH_BITS, cues: true, order: 2 }): LearnedModel {
  const size = 1 << layout.bits;
  return {
    bits: layout.bits,
    cues: layout.cues,
    order: layout.order,
    weights: new Float32Array(size),
    squares: new Float32Array(size),
    positives: new Float32Array(size),
    negatives: new Float32Array(size),
    positiveTexts: 0,
    negativeTexts: 0,
    leanings: new Float32Array(size),
    pulls: null,
    ruleWeight: RULE_PRIOR,
    ruleSquares: 0,
    bias: 0,
    biasSquares: 0,
    labels: 0,
  };
}

/** The class-size part of every ratio: log((negative texts + 1)/(positive texts + 1)). */
const classTerm = (model: LearnedModel): number => Math.log((model.negativeTexts + 1) / (model.positiveTexts + 1));

/** Counts a labelled text's slots towards the ratios (target 1 positive, 0 negative; anything else counts in neither). */
export function countText(model: LearnedModel, f: Features, target: number): void {
  if (target !== 1 && target !== 0) return;
  model.pulls = null;
  const counts = target === 1 ? model.positives : model.negatives;
  if (target === 1) model.positiveTexts++;
  else model.negativeTexts++;
  for (let i = 0; i < f.count; i++) {
    const s = f.slots[i]!;
    counts[s]! += 1;
    model.leanings[s] = Math.log((model.positives[s]! + 1) / (model.negatives[s]! + 1));
  }
}

/** The model's logit for a text's features (n-gram values are ratio/√count, so long texts do not shout). */
export function logitOf(model: LearnedModel, f: Features): number {
  const w = model.weights;
  const lean = model.leanings;
  const c = classTerm(model);
  let sum = 0;
  for (let i = 0; i < f.count; i++) {
    const s = f.slots[i]!;
    sum += w[s]! * (lean[s]! + c);
  }
  return model.bias + model.ruleWeight * f.rule + (f.count ? sum / Math.sqrt(f.count) : 0);
}

/** The logit when scoring: as logitOf, from the per-slot products (built on the first score after learning). */
export function scoringLogitOf(model: LearnedModel, f: Features): number {
  let pulls = model.pulls;
  if (!pulls) {
    pulls = new Float32Array(model.weights.length);
    const c = classTerm(model);
    for (let s = 0; s < pulls.length; s++) if (model.weights[s] !== 0) pulls[s] = model.weights[s]! * (model.leanings[s]! + c);
    model.pulls = pulls;
  }
  let sum = 0;
  for (let i = 0; i < f.count; i++) sum += pulls[f.slots[i]!]!;
  return model.bias + model.ruleWeight * f.rule + (f.count ? sum / Math.sqrt(f.count) : 0);
}

/** One n-gram's pull on the logit of a text with `count` slots (for explanations). */
export const pullOf = (model: LearnedModel, slot: number, count: number): number => (model.weights[slot]! * (model.leanings[slot]! + classTerm(model))) / Math.sqrt(count);

/**
 * One AdaGrad step of the logistic loss towards `target` (1 positive, 0 negative, 0.5 neutral: a neutral
 * label pulls the score towards 0 rather than being thrown away). The text's counts must already be in.
 */
export function step(model: LearnedModel, f: Features, target: number): void {
  model.pulls = null;
  const p = 1 / (1 + Math.exp(-logitOf(model, f)));
  const g = p - target;
  const norm = f.count ? 1 / Math.sqrt(f.count) : 0;
  const c = classTerm(model);
  const w = model.weights;
  const sq = model.squares;
  for (let i = 0; i < f.count; i++) {
    const s = f.slots[i]!;
    const gi = g * norm * (model.leanings[s]! + c) + L2 * w[s]!;
    sq[s]! += gi * gi;
    w[s]! -= (STEP * gi) / Math.sqrt(sq[s]! + 1e-8);
  }
  const gr = g * f.rule + L2 * (model.ruleWeight - RULE_PRIOR);
  model.ruleSquares += gr * gr;
  model.ruleWeight -= (STEP * gr) / Math.sqrt(model.ruleSquares + 1e-8);
  model.biasSquares += g * g;
  model.bias -= (STEP * g) / Math.sqrt(model.biasSquares + 1e-8);
}
