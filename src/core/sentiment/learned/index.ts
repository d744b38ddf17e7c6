export { applyLearned, learnBatch, learnOne, MIN_LABELS, targetOf, type Example } from './layer.js';
export { modelFromJson, modelToJson, newModel, type LearnedModel, type ModelJson } from './model.js';
export { parseLabel } from './labels.js';
