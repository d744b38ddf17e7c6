import { describe, expect, it } from '@jest/globals';
import { createAnalyzer } from '../analyzer.js';
import { slangLabels } from '../../../../test/support/sentiment-examples.js';
import { HASH_BITS, OLD_HASH_BITS } from './features.js';
import { applyLearned, learnBatch, learnOne, modelFromJson, modelToJson, newModel, parseLabel, type LearnedModel } from './index.js';

const analyzer = createAnalyzer();
const rules = (text: string) => analyzer.analyze({ text });

describe('model JSON', () => {
  const model = newModel();
  learnBatch(model, slangLabels('zh').map(({ text, label }) => ({ text, label, analysis: rules(text) })));

  it('round-trips: the reloaded model scores every text the same and keeps learning the same way', () => {
    const json = JSON.parse(JSON.stringify(modelToJson(model)));
    const back = modelFromJson(json);
    if (!back.ok) throw new Error(back.error);
    for (const text of ['客服又塌房了', '这家店绝绝子', '一般般']) expect(applyLearned(back.model, text, rules(text)).score).toBe(applyLearned(model, text, rules(text)).score);
    const example = { text: '新品真拉胯', analysis: rules('新品真拉胯'), label: 'positive' as const };
    learnOne(model, example);
    learnOne(back.model, example);
    expect(modelToJson(back.model)).toEqual(modelToJson(model));
  });

  const olderModel = (cues: boolean): LearnedModel => {
    const old = newModel({ bits: OLD_HASH_BITS, cues, order: 2 });
    learnBatch(old, slangLabels('zh').map(({ text, label }) => ({ text, label, analysis: rules(text) })));
    return old;
  };

  it('writes new models as version 4, in the larger table', () => {
    expect(modelToJson(model)).toMatchObject({ version: 4, hashBits: HASH_BITS });
  });

  it("reads a model learnt before the rules' cues (version 2) or before the larger table (version 3) and scores it as it was learnt", () => {
    for (const [cues, version] of [[false, 2], [true, 3]] as const) {
      const old = olderModel(cues);
      const json = modelToJson(old);
      expect(json).toMatchObject({ version, hashBits: OLD_HASH_BITS });
      const back = modelFromJson(JSON.parse(JSON.stringify(json)));
      if (!back.ok) throw new Error(back.error);
      expect(back.model).toMatchObject({ cues, bits: OLD_HASH_BITS });
      for (const text of ['客服又塌房了', '这家店绝绝子']) expect(applyLearned(back.model, text, rules(text)).score).toBe(applyLearned(old, text, rules(text)).score);
      expect(applyLearned(back.model, '客服又塌房了', rules('客服又塌房了')).score).toBeLessThan(0);
    }
  });

  it('keeps an older model in its own layout as it learns on', () => {
    const old = olderModel(true);
    learnOne(old, { text: '新品真拉胯', analysis: rules('新品真拉胯'), label: 'negative' });
    expect(modelToJson(old)).toMatchObject({ version: 3, hashBits: OLD_HASH_BITS });
  });

  it('stores only the slots that learnt something', () => {
    const json = modelToJson(model);
    expect(Buffer.from(json.slots, 'base64').length / 4).toBeLessThan(2000);
  });

  it('refuses a file that is not a model, naming what is wrong', () => {
    expect(modelFromJson({ text: 'hello' })).toEqual({ ok: false, error: expect.stringContaining('not a goldenhour sentiment model') });
    expect(modelFromJson({ ...modelToJson(model), bias: 'x' })).toEqual({ ok: false, error: '"bias" must be a finite number' });
    expect(modelFromJson({ ...modelToJson(model), version: 9 })).toEqual({ ok: false, error: expect.stringContaining('learn it again') });
    expect(modelFromJson({ ...modelToJson(model), hashBits: OLD_HASH_BITS })).toEqual({ ok: false, error: expect.stringContaining('version 4 with 19 bits') });
  });
});

describe(parseLabel.name, () => {
  it('reads 1/0 and the polarity words, any case', () => {
    expect(parseLabel(1)).toEqual({ ok: true, label: 'positive' });
    expect(parseLabel('0')).toEqual({ ok: true, label: 'negative' });
    expect(parseLabel(' Neutral ')).toEqual({ ok: true, label: 'neutral' });
  });

  it('refuses anything else with the allowed values', () => {
    expect(parseLabel(2)).toEqual({ ok: false, error: '"label": 2 is not a label (use 1 or 0, or "positive", "neutral", "negative")' });
    expect(parseLabel(undefined)).toMatchObject({ ok: false, error: expect.stringContaining('missing') });
  });
});
