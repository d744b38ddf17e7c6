import { describe, expect, it } from '@jest/globals';
import { createAnalyzer } from '../analyzer.js';
import { slangLabels } from '../../../../test/support/sentiment-examples.js';
import { applyLearned, learnBatch, learnOne, MIN_LABELS, newModel, type LearnedModel } from './index.js';

const analyzer = createAnalyzer();
const rules = (text: string) => analyzer.analyze({ text }, { explain: true });
const scored = (model: LearnedModel | null, text: string) => applyLearned(model, text, rules(text), true);
const learnt = (lang: 'zh' | 'en'): LearnedModel => {
  const model = newModel();
  learnBatch(model, slangLabels(lang).map(({ text, label }) => ({ text, label, analysis: rules(text) })));
  return model;
};

describe('applyLearned', () => {
  it('changes nothing without a model or below the label threshold', () => {
    const a = rules('快递太慢了');
    expect(applyLearned(null, '快递太慢了', a)).toBe(a);
    const young = newModel();
    for (let i = 0; i < MIN_LABELS - 1; i++) learnOne(young, { text: `第${i}条很好`, analysis: rules(`第${i}条很好`), label: 'negative' });
    expect(applyLearned(young, '快递太慢了', a)).toBe(a);
  });

  it('scores as the rules do until labels move it (the rule weight starts at the identity)', () => {
    const blank = { ...newModel(), labels: MIN_LABELS };
    for (const text of ['The food was cold and the waiter was rude', '服务很好，下次还来', 'ok']) {
      expect(scored(blank, text).score).toBeCloseTo(rules(text).score, 3);
    }
  });

  it.each(['zh', 'en'] as const)('learns slang the rules do not know, and scores new texts with it (%s)', (lang) => {
    const model = learnt(lang);
    expect(model.labels).toBe(200);
    const [bad, good] = lang === 'zh' ? ['隔壁那家奶茶店又塌房了', '隔壁那家奶茶店yyds'] : ['the new coffee place is mid', 'the new coffee place slaps'];
    expect(rules(bad).label).not.toBe('negative');
    expect(scored(model, bad).label).toBe('negative');
    expect(scored(model, good).label).toBe('positive');
  });

  it('keeps what the rules know about texts unlike the labels', () => {
    const model = learnt('zh');
    expect(scored(model, '味道太差了，再也不买了').label).toBe('negative');
    expect(scored(model, '味道很好，分量足，好评').label).toBe('positive');
  });

  it('explains what the rules said, what the layer changed and how many labels it learnt from', () => {
    const a = scored(learnt('en'), 'the new coffee place is mid');
    expect(a.learned).toEqual({ ruleScore: rules('the new coffee place is mid').score, ruleLabel: rules('the new coffee place is mid').label, labels: 200 });
    const tokens = a.explain!.map((c) => c.token);
    expect(tokens).toContain('rules');
    expect(tokens).toContain('mid');
    const change = a.explain!.find((c) => c.token === 'learned layer')!;
    expect(change.rule).toMatch(/learned from 200 labels: negative/);
    expect(change.weight).toBeCloseTo(a.score - a.learned!.ruleScore, 3);
  });

  it('keeps the fields of the rules, in their order, and adds what it learnt last', () => {
    const model = learnt('en');
    const plain = analyzer.analyze({ text: 'the new coffee place is mid' });
    const a = applyLearned(model, 'the new coffee place is mid', plain);
    expect(Object.keys(a)).toEqual(['score', 'label', 'lang', 'crisis', 'keywords', 'learned']);
    expect(a).toEqual({ ...plain, score: a.score, label: a.label, learned: a.learned });
    expect(Object.keys(scored(model, 'the new coffee place is mid'))).toEqual(['score', 'label', 'lang', 'crisis', 'keywords', 'explain', 'learned']);
  });

  it('learns one correction at a time: each pulls similar texts its way', () => {
    const model = learnt('en');
    const before = scored(model, 'the dessert menu is mid').score;
    for (let i = 0; i < 3; i++) learnOne(model, { text: 'the dessert menu is mid', analysis: rules('the dessert menu is mid'), label: 'positive' });
    expect(model.labels).toBe(203);
    expect(scored(model, 'the dessert menu is mid').score).toBeGreaterThan(before);
  });

  it('learns the same model from the same labels', () => {
    const a = learnt('zh');
    const b = learnt('zh');
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  });
});
