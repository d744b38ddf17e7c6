import { describe, expect, it } from '@jest/globals';
import { createAnalyzer } from '../analyzer.js';
import type { Analysis, Polarity } from '../types.js';
import { CHOICE_LABELS, chooseLayout, DEFAULT_LAYOUT, learnNew, TRIGRAM_LAYOUT } from './choose.js';
import { applyLearned, MIN_LABELS, modelFromJson, modelToJson, type Example, type LearnedModel } from './index.js';

const analyzer = createAnalyzer();
const FILLER = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就年';

/** `n` labelled texts of filler characters (a fixed pseudo-random sequence) around a phrase that carries the label. */
function labelled(n: number, phraseOf: (positive: boolean, i: number) => string): Example[] {
  let s = 12345;
  const filler = (len: number): string => {
    let out = '';
    for (let k = 0; k < len; k++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      out += FILLER[(s >>> 16) % FILLER.length];
    }
    return out;
  };
  return Array.from({ length: n }, (_, i) => {
    const positive = i % 2 === 0;
    const text = `${filler(6)} ${phraseOf(positive, i)} ${filler(6)}`;
    const label: Polarity = positive ? 'positive' : 'negative';
    return { text, label, analysis: analyzer.analyze({ text }, { cues: true }) };
  });
}

/**
 * Trigram-only labels: positive texts hold 的天地人的 and 的风地水的, negative ones 的天地水的 and 的风地人的 — the
 * same characters, character pairs and segmented words, so only three-character sequences tell them apart.
 */
const POSITIVE = '的天地人的 的风地水的';
const NEGATIVE = '的天地水的 的风地人的';
const trigramOnly = (n: number): Example[] => labelled(n, (positive) => (positive ? POSITIVE : NEGATIVE));
/** Labels that single characters already tell apart: bigrams gain nothing from trigrams, and the default stays. */
const bigramEnough = (n: number): Example[] => labelled(n, (positive, i) => `${positive ? '好吃' : '难吃'}${'甲乙丙丁'[i % 4]}`);

describe(chooseLayout.name, () => {
  it('takes character trigrams when cross-validation inside the labels finds them more accurate', () => {
    expect(chooseLayout(trigramOnly(CHOICE_LABELS))).toEqual(TRIGRAM_LAYOUT);
  });

  it('keeps the default layout when trigrams gain nothing', () => {
    expect(chooseLayout(bigramEnough(CHOICE_LABELS))).toEqual(DEFAULT_LAYOUT);
  });

  it('keeps the default layout below CHOICE_LABELS Chinese labels, whatever they say', () => {
    expect(chooseLayout(trigramOnly(CHOICE_LABELS - 2))).toEqual(DEFAULT_LAYOUT);
  });
});

describe(learnNew.name, () => {
  it('learns in the chosen layout, which its JSON (version 5) keeps', () => {
    const examples = trigramOnly(CHOICE_LABELS);
    const model = learnNew(examples);
    expect(model).toMatchObject({ order: 3, labels: CHOICE_LABELS });
    expect(MIN_LABELS).toBeLessThanOrEqual(model.labels);
    const json = modelToJson(model);
    expect(json.version).toBe(5);
    const back = modelFromJson(JSON.parse(JSON.stringify(json)));
    if (!back.ok) throw new Error(back.error);
    expect(back.model.order).toBe(3);
    const scored = (m: LearnedModel, text: string): Analysis => applyLearned(m, text, analyzer.analyze({ text }));
    for (const text of [POSITIVE, NEGATIVE]) expect(scored(back.model, text).score).toBe(scored(model, text).score);
    expect(scored(model, POSITIVE).label).toBe('positive');
    expect(scored(model, NEGATIVE).label).toBe('negative');
  });
});
