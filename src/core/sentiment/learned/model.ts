import { DIMS, HASH_BITS, type Features } from './features.js';

/**
 * A logistic regression over hashed n-grams plus the rules' verdict, trained by AdaGrad: each slot gets its
 * own step size, so a rare n-gram learns fast from its first labels while the frequent ones settle.
 * It starts as the rules: the rule feature's weight starts at 2 (tanh(2·atanh(r)/2) = r) and every other
 * weight at 0, so a model that has learnt nothing scores exactly as the rules do.
 */
export interface LearnedModel {
  weights: Float32Array;
  /** AdaGrad's sum of squared gradients per slot: kept so that learning can resume after a reload. */
  squares: Float32Array;
  ruleWeight: number;
  ruleSquares: number;
  bias: number;
  biasSquares: number;
  /** Labels learnt from (each counted once, however many passes training made). */
  labels: number;
}

/** The rule feature's starting weight: the learned score equals the rule score until labels move it. */
export const RULE_PRIOR = 2;
/** AdaGrad's base step; 0.2 measured best of 0.1, 0.2, 0.5 and 1 on the learning curves of bench/sentiment-learning.ts. */
const STEP = 0.2;
/** L2 pull on each touched weight (towards 0, and the rule weight towards its prior): keeps rare n-grams modest. */
const L2 = 1e-5;

export function newModel(): LearnedModel {
  return { weights: new Float32Array(DIMS), squares: new Float32Array(DIMS), ruleWeight: RULE_PRIOR, ruleSquares: 0, bias: 0, biasSquares: 0, labels: 0 };
}

/** The model's logit for a text's features (n-gram values are 1/√count, so long texts do not shout). */
export function logitOf(model: LearnedModel, f: Features): number {
  const w = model.weights;
  let sum = 0;
  for (let i = 0; i < f.count; i++) sum += w[f.slots[i]!]!;
  return model.bias + model.ruleWeight * f.rule + (f.count ? sum / Math.sqrt(f.count) : 0);
}

/**
 * One AdaGrad step of the logistic loss towards `target` (1 positive, 0 negative, 0.5 neutral: a neutral
 * label pulls the score towards 0 rather than being thrown away).
 */
export function step(model: LearnedModel, f: Features, target: number): void {
  const p = 1 / (1 + Math.exp(-logitOf(model, f)));
  const g = p - target;
  const value = f.count ? 1 / Math.sqrt(f.count) : 0;
  const w = model.weights;
  const sq = model.squares;
  for (let i = 0; i < f.count; i++) {
    const s = f.slots[i]!;
    const gi = g * value + L2 * w[s]!;
    sq[s]! += gi * gi;
    w[s]! -= (STEP * gi) / Math.sqrt(sq[s]! + 1e-8);
  }
  const gr = g * f.rule + L2 * (model.ruleWeight - RULE_PRIOR);
  model.ruleSquares += gr * gr;
  model.ruleWeight -= (STEP * gr) / Math.sqrt(model.ruleSquares + 1e-8);
  model.biasSquares += g * g;
  model.bias -= (STEP * g) / Math.sqrt(model.biasSquares + 1e-8);
}

/** The JSON form of a model: only the slots that learnt something, as base64 of little-endian arrays. */
export interface ModelJson {
  kind: 'goldenhour-sentiment-model';
  version: 1;
  hashBits: number;
  labels: number;
  ruleWeight: number;
  ruleSquares: number;
  bias: number;
  biasSquares: number;
  /** base64 of the touched slots (Int32), their weights (Float32) and their squared-gradient sums (Float32). */
  slots: string;
  weights: string;
  squares: string;
}

const b64 = (a: Int32Array | Float32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function fromB64<T extends Int32Array | Float32Array>(s: string, make: (buf: ArrayBuffer) => T): T {
  const bytes = Buffer.from(s, 'base64');
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return make(copy);
}

export function modelToJson(model: LearnedModel): ModelJson {
  const touched: number[] = [];
  for (let i = 0; i < DIMS; i++) if (model.squares[i] !== 0) touched.push(i);
  const slots = Int32Array.from(touched);
  return {
    kind: 'goldenhour-sentiment-model',
    version: 1,
    hashBits: HASH_BITS,
    labels: model.labels,
    ruleWeight: model.ruleWeight,
    ruleSquares: model.ruleSquares,
    bias: model.bias,
    biasSquares: model.biasSquares,
    slots: b64(slots),
    weights: b64(Float32Array.from(touched, (i) => model.weights[i]!)),
    squares: b64(Float32Array.from(touched, (i) => model.squares[i]!)),
  };
}

/** Reads a model's JSON form back; a file that is not one gets an error naming what is wrong. */
export function modelFromJson(json: unknown): { ok: true; model: LearnedModel } | { ok: false; error: string } {
  const j = json as Partial<ModelJson> | null;
  if (!j || typeof j !== 'object' || j.kind !== 'goldenhour-sentiment-model') return { ok: false, error: 'not a goldenhour sentiment model (expected "kind": "goldenhour-sentiment-model"; make one with `goldenhour learn FILE --out MODEL.json`)' };
  if (j.version !== 1 || j.hashBits !== HASH_BITS) return { ok: false, error: `model version ${j.version}/${j.hashBits} bits is not readable by this goldenhour (expects version 1, ${HASH_BITS} bits): learn it again` };
  const numbers = ['labels', 'ruleWeight', 'ruleSquares', 'bias', 'biasSquares'] as const;
  for (const k of numbers) if (typeof j[k] !== 'number' || !Number.isFinite(j[k])) return { ok: false, error: `"${k}" must be a finite number` };
  if (typeof j.slots !== 'string' || typeof j.weights !== 'string' || typeof j.squares !== 'string') return { ok: false, error: '"slots", "weights" and "squares" must be base64 strings' };
  const slots = fromB64(j.slots, (b) => new Int32Array(b));
  const weights = fromB64(j.weights, (b) => new Float32Array(b));
  const squares = fromB64(j.squares, (b) => new Float32Array(b));
  if (weights.length !== slots.length || squares.length !== slots.length) return { ok: false, error: '"slots", "weights" and "squares" must have the same length' };
  const model = newModel();
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    if (s < 0 || s >= DIMS) return { ok: false, error: `slot ${s} is outside the ${DIMS}-slot table` };
    model.weights[s] = weights[i]!;
    model.squares[s] = squares[i]!;
  }
  Object.assign(model, { labels: j.labels, ruleWeight: j.ruleWeight, ruleSquares: j.ruleSquares, bias: j.bias, biasSquares: j.biasSquares });
  return { ok: true, model };
}
