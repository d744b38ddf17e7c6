import { HASH_BITS, OLD_HASH_BITS, TRIGRAM_HASH_BITS, type Layout } from './features.js';
import { newModel, type LearnedModel } from './model.js';

/**
 * The layout of each model version: 5 adds Chinese character trigrams (chosen by the model's own labels,
 * choose.ts); 4 hashes into the larger table (features.ts, HASH_BITS); 3 gives Chinese texts the rules' cues;
 * 2 is older still. Every version is read and scored as it was learnt; a model without trigrams is still
 * written as version 4, so that an older goldenhour reads it.
 */
const LAYOUTS: Record<2 | 3 | 4 | 5, Layout> = {
  2: { bits: OLD_HASH_BITS, cues: false, order: 2 },
  3: { bits: OLD_HASH_BITS, cues: true, order: 2 },
  4: { bits: HASH_BITS, cues: true, order: 2 },
  5: { bits: TRIGRAM_HASH_BITS, cues: true, order: 3 },
};
type Version = keyof typeof LAYOUTS;
const versionOf = (layout: Layout): Version => (!layout.cues ? 2 : layout.bits === OLD_HASH_BITS ? 3 : layout.order === 3 ? 5 : 4);

/** The JSON form of a model: only the slots that learnt something, as base64 of little-endian arrays. */
export interface ModelJson {
  kind: 'goldenhour-sentiment-model';
  /** The features' layout (LAYOUTS): 4 for a new model, 5 for one with character trigrams. */
  version: Version;
  hashBits: number;
  labels: number;
  ruleWeight: number;
  ruleSquares: number;
  bias: number;
  biasSquares: number;
  positiveTexts: number;
  negativeTexts: number;
  /** base64 of the touched slots (Int32), and per slot its weight, squared-gradient sum and class counts (Float32). */
  slots: string;
  weights: string;
  squares: string;
  positives: string;
  negatives: string;
}

const ARRAYS = ['weights', 'squares', 'positives', 'negatives'] as const;
const NUMBERS = ['labels', 'ruleWeight', 'ruleSquares', 'bias', 'biasSquares', 'positiveTexts', 'negativeTexts'] as const;

const b64 = (a: Int32Array | Float32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function fromB64<T extends Int32Array | Float32Array>(s: string, make: (buf: ArrayBuffer) => T): T {
  const bytes = Buffer.from(s, 'base64');
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return make(copy);
}

export function modelToJson(model: LearnedModel): ModelJson {
  const touched: number[] = [];
  for (let i = 0; i < model.weights.length; i++) if (model.squares[i] !== 0 || model.positives[i] !== 0 || model.negatives[i] !== 0) touched.push(i);
  const pick = (a: Float32Array): string => b64(Float32Array.from(touched, (i) => a[i]!));
  return {
    kind: 'goldenhour-sentiment-model',
    version: versionOf(model),
    hashBits: model.bits,
    labels: model.labels,
    ruleWeight: model.ruleWeight,
    ruleSquares: model.ruleSquares,
    bias: model.bias,
    biasSquares: model.biasSquares,
    positiveTexts: model.positiveTexts,
    negativeTexts: model.negativeTexts,
    slots: b64(Int32Array.from(touched)),
    weights: pick(model.weights),
    squares: pick(model.squares),
    positives: pick(model.positives),
    negatives: pick(model.negatives),
  };
}

/** Reads a model's JSON form back; a file that is not one gets an error naming what is wrong. */
export function modelFromJson(json: unknown): { ok: true; model: LearnedModel } | { ok: false; error: string } {
  const j = json as Partial<ModelJson> | null;
  if (!j || typeof j !== 'object' || j.kind !== 'goldenhour-sentiment-model') return { ok: false, error: 'not a goldenhour sentiment model (expected "kind": "goldenhour-sentiment-model"; make one with `goldenhour learn FILE --out MODEL.json`)' };
  const layout = LAYOUTS[j.version as Version] as Layout | undefined;
  if (!layout || j.hashBits !== layout.bits) return { ok: false, error: `model version ${j.version}/${j.hashBits} bits is not readable by this goldenhour (expects ${Object.entries(LAYOUTS).map(([v, l]) => `version ${v} with ${l.bits} bits`).join(', ')}): learn it again` };
  for (const k of NUMBERS) if (typeof j[k] !== 'number' || !Number.isFinite(j[k])) return { ok: false, error: `"${k}" must be a finite number` };
  if (typeof j.slots !== 'string' || ARRAYS.some((k) => typeof j[k] !== 'string')) return { ok: false, error: `"slots", ${ARRAYS.map((k) => `"${k}"`).join(', ')} must be base64 strings` };
  const slots = fromB64(j.slots, (b) => new Int32Array(b));
  const arrays = ARRAYS.map((k) => fromB64(j[k]!, (b) => new Float32Array(b)));
  if (arrays.some((a) => a.length !== slots.length)) return { ok: false, error: `"slots", ${ARRAYS.map((k) => `"${k}"`).join(', ')} must have the same length` };
  const model = newModel(layout);
  const size = 1 << layout.bits;
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    if (s < 0 || s >= size) return { ok: false, error: `slot ${s} is outside the ${size}-slot table` };
    ARRAYS.forEach((k, a) => (model[k][s] = arrays[a]![i]!));
    model.leanings[s] = Math.log((model.positives[s]! + 1) / (model.negatives[s]! + 1));
  }
  for (const k of NUMBERS) model[k] = j[k]!;
  return { ok: true, model };
}
