export { applyLearned, learnBatch, learnOne, MIN_LABELS, targetOf, type Example } from './layer.js';
export { chooseLayout, learnNew } from './choose.js';
export { newModel, type LearnedModel } from './model.js';
export { modelFromJson, modelToJson, type ModelJson } from './model-json.js';
export { parseLabel } from './labels.js';
