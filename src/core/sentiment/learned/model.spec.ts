import { describe, expect, it } from '@jest/globals';
import { createAnalyzer } from '../analyzer.js';
import { slangLabels } from '../../../../test/support/sentiment-examples.js';
import { applyLearned, learnBatch, learnOne, modelFromJson, modelToJson, newModel, parseLabel } from './index.js';

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

  it('stores only the slots that learnt something', () => {
    const json = modelToJson(model);
    expect(Buffer.from(json.slots, 'base64').length / 4).toBeLessThan(2000);
  });

  it('refuses a file that is not a model, naming what is wrong', () => {
    expect(modelFromJson({ text: 'hello' })).toEqual({ ok: false, error: expect.stringContaining('not a goldenhour sentiment model') });
    expect(modelFromJson({ ...modelToJson(model), bias: 'x' })).toEqual({ ok: false, error: '"bias" must be a finite number' });
    expect(modelFromJson({ ...modelToJson(model), version: 9 })).toEqual({ ok: false, error: expect.stringContaining('learn it again') });
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
