import { HASH_BITS, TRIGRAM_HASH_BITS, type Features, type Layout } from './features.js';
import { featuresOfAll, learnBatch, learnFeatures, type Example } from './layer.js';
import { newModel, scoringLogitOf, type LearnedModel } from './model.js';

/** The layout of a new model unless its own labels choose another: character uni- and bigrams. */
export const DEFAULT_LAYOUT: Layout = { bits: HASH_BITS, cues: true, order: 2 };
/** The other layout a model's labels may choose: character trigrams too, in a table sized for them. */
export const TRIGRAM_LAYOUT: Layout = { bits: TRIGRAM_HASH_BITS, cues: true, order: 3 };
/** Folds of the cross-validation inside the labels. */
const FOLDS = 3;
/**
 * Chinese labels a model needs before its labels choose its layout: below this, a third of them is too few to tell
 * the layouts apart, and the default stays.
 */
export const CHOICE_LABELS = 2000;

/** Accuracy (sign of the logit against a positive/negative label; neutral labels are not scored) of each fold's model on the held-out fold. */
function crossValidated(feats: readonly Features[], examples: readonly Example[], layout: Layout): number {
  let right = 0;
  let scored = 0;
  for (let fold = 0; fold < FOLDS; fold++) {
    const inFold = (i: number): boolean => i % FOLDS === fold;
    const model = newModel(layout);
    learnFeatures(
      model,
      feats.filter((_, i) => !inFold(i)),
      examples.filter((_, i) => !inFold(i)).map((e) => e.label),
    );
    examples.forEach((e, i) => {
      if (!inFold(i) || e.label === 'neutral') return;
      scored++;
      const logit = scoringLogitOf(model, feats[i]!);
      if ((e.label === 'positive' && logit > 0) || (e.label === 'negative' && logit < 0)) right++;
    });
  }
  return scored ? right / scored : 0;
}

/**
 * The layout a model learnt from scratch from `examples` takes, chosen by its own labels: with at least
 * CHOICE_LABELS Chinese labels, character trigrams when they are more accurate than bigrams alone by
 * FOLDS-fold cross-validation inside those labels (never by any other data); else the default.
 */
export function chooseLayout(examples: readonly Example[]): Layout {
  if (examples.filter((e) => e.analysis.lang === 'zh' && e.label !== 'neutral').length < CHOICE_LABELS) return DEFAULT_LAYOUT;
  const score = (layout: Layout): number => crossValidated(featuresOfAll(examples, layout), examples, layout);
  return score(TRIGRAM_LAYOUT) > score(DEFAULT_LAYOUT) ? TRIGRAM_LAYOUT : DEFAULT_LAYOUT;
}

/** A model learnt from scratch from `examples` (an import, a rebuild after an undo), in the layout they choose. */
export function learnNew(examples: readonly Example[]): LearnedModel {
  const model = newModel(chooseLayout(examples));
  learnBatch(model, examples);
  return model;
}
