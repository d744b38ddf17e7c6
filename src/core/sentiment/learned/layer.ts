import { labelOf } from '../analyzer.js';
import type { Analysis, Contribution, Polarity } from '../types.js';
import { featuresOf, type Features, type Layout } from './features.js';
import { countText, pullOf, scoringLogitOf, step, type LearnedModel } from './model.js';

/**
 * Labels a model must have learnt from before it scores anything: below this the rules alone decide.
 * Measured by `npm run bench:sentiment` (mean gain over the rules on held-out texts, twenty draws of the labels):
 * at 200 labels it gains on every Chinese set by more than two standard errors (ChnSentiCorp +0.009 ± 0.003,
 * waimai +0.021, Weibo +0.029; no draw of the last two lost, while at 150 some did); at 100, ChnSentiCorp's
 * +0.002 ± 0.003 is no gain.
 */
export const MIN_LABELS = 200;

/** What a label means to the model: the probability of "positive" it should have given. */
export const targetOf = (label: Polarity): number => (label === 'positive' ? 1 : label === 'negative' ? 0 : 0.5);

/** A text, the rules' analysis of it, and the label a person gave it. */
export interface Example {
  text: string;
  analysis: Analysis;
  label: Polarity;
}

/** Learns one label as it arrives (a correction): one step, counted as one more label. */
export function learnOne(model: LearnedModel, example: Example): void {
  const f = featuresOf(example.text, example.analysis, model);
  countText(model, f, targetOf(example.label));
  step(model, f, targetOf(example.label));
  model.labels++;
}

/** Passes over a batch: enough for AdaGrad to settle on a few thousand labels, measured on the learning curves. */
const EPOCHS = 8;

/** Each example's features in the model's layout, copied out of the shared scratch space. */
export function featuresOfAll(examples: readonly Example[], layout: Layout): Features[] {
  return examples.map((e) => {
    const f = featuresOf(e.text, e.analysis, layout);
    return { ...f, slots: f.slots.slice(0, f.count) };
  });
}

/**
 * Learns labelled texts whose features are already computed (featuresOfAll, in the model's layout): their
 * counts, then several passes in a fixed shuffled order, so the same labels always give the same model.
 */
export function learnFeatures(model: LearnedModel, feats: readonly Features[], labels: readonly Polarity[], seed = 1): void {
  feats.forEach((f, i) => countText(model, f, targetOf(labels[i]!)));
  const order = feats.map((_, i) => i);
  let state = seed >>> 0 || 1;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) step(model, feats[i]!, targetOf(labels[i]!));
  }
  model.labels += feats.length;
}

/** Learns a batch of labels (an import) into a model, in its layout. Features are computed once per text. */
export function learnBatch(model: LearnedModel, examples: readonly Example[], seed = 1): void {
  learnFeatures(model, featuresOfAll(examples, model), examples.map((e) => e.label), seed);
}

/** The n-grams that moved the learned score most, for explanations (at most `top`). */
function strongest(model: LearnedModel, f: Features, top: number): Contribution[] {
  const seen = new Map<string, number>();
  for (let i = 0; i < f.count; i++) seen.set(f.names![i]!, (seen.get(f.names![i]!) ?? 0) + pullOf(model, f.slots[i]!, f.count));
  return [...seen]
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, top)
    .map(([token, w]) => ({ token, weight: Math.round(w * 1000) / 1000, rule: 'learned' }));
}

/**
 * The rules' analysis adjusted by a brand's learned model, on the rules' scale: the score is 2p − 1 for the
 * model's probability p of "positive", so ±1 is certainty, 0 is a coin toss and the neutral band is the
 * rules' own. Below MIN_LABELS (or without a model) the analysis is returned unchanged.
 */
export function applyLearned(model: LearnedModel | null | undefined, text: string, analysis: Analysis, explain = false): Analysis {
  if (!model || model.labels < MIN_LABELS) return analysis;
  const f = featuresOf(text, analysis, model, explain);
  const score = Math.round(Math.tanh(scoringLogitOf(model, f) / 2) * 10000) / 10000;
  // Built field by field in the order a spread would give: spreading the analysis cost more than the layer's scoring.
  const learned: Analysis = { score, label: labelOf(score), lang: analysis.lang, crisis: analysis.crisis, keywords: analysis.keywords };
  if (analysis.explain !== undefined) learned.explain = analysis.explain;
  learned.learned = { ruleScore: analysis.score, ruleLabel: analysis.label, labels: model.labels };
  if (explain) {
    learned.explain = [
      ...(analysis.explain ?? []),
      { token: 'rules', weight: analysis.score, rule: `the rules said ${analysis.label} (${analysis.score})` },
      ...strongest(model, f, 5),
      { token: 'learned layer', weight: Math.round((score - analysis.score) * 10000) / 10000, rule: `learned from ${model.labels} labels: ${labelOf(score)} (${score})` },
    ];
  }
  return learned;
}
