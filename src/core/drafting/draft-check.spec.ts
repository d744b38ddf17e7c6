import { describe, it, expect } from '@jest/globals';
import { checkDraft, detectDraftLang, splitSentences } from './draft-check.js';

const rules = (text: string) => checkDraft(text).findings.map((f) => f.rule);

describe(checkDraft.name, () => {
  it('passes an English reply with empathy first, an apology, and a next step with a time', () => {
    const r = checkDraft('We understand your concern. We are sorry this happened. We have suspended the batch and will publish the lab results within 24 hours.');
    expect(r).toMatchObject({ lang: 'en', ok: true, findings: [] });
  });

  it('flags a technical explanation that comes before any empathy and rewrites it empathy-first', () => {
    const r = checkDraft('Technically this is a rare event. We apologise. We will replace the product by tomorrow.');
    expect(r.findings).toEqual([
      expect.objectContaining({ rule: 'empathy-first', sentenceIndex: 0, sentence: 'Technically this is a rare event.' }),
    ]);
    expect(r.findings[0]!.suggestion).toBe('We understand your concern, and we are sorry for the worry this has caused. Every single case matters to us.');
  });

  it('accepts an explanation once empathy has come first', () => {
    expect(rules('We understand your concern. Statistically this is extremely rare, but we are sorry. We will call you today.')).toEqual([]);
  });

  it('flags blame on the customer with a rewrite that takes responsibility', () => {
    const r = checkDraft('We understand your frustration and we are sorry. You should have kept the milk in the fridge. We will contact you today.');
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'no-blame', sentenceIndex: 1, suggestion: expect.stringMatching(/together with you/) })]);
  });

  it('asks for an acknowledgement, and a next step with a time, when they are missing', () => {
    expect(rules('We understand your concern.')).toEqual(['acknowledgement', 'next-step']);
    const r = checkDraft('We understand your concern and we are sorry. We will look into it.');
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'next-step-time', suggestion: 'We will look into it, and we will update you within 24 hours.' })]);
  });

  it('checks a Chinese reply the same way: 技术上这是小概率事件 before empathy is flagged', () => {
    const r = checkDraft('技术上这是小概率事件。请您按说明书使用。');
    expect(r.lang).toBe('zh');
    expect(r.findings.map((f) => f.rule)).toEqual(['empathy-first', 'acknowledgement', 'next-step']);
    expect(r.findings[0]!.suggestion).toBe('我们理解您的担忧，对此给您带来的不安深表歉意。每一个个案我们都会认真对待。');
    expect(r.suggestedReply).toContain('我们已立即启动调查，将在24小时内公布调查结果和处理措施。');
  });

  it('passes a Chinese reply with 我们理解您的担忧, an apology and a timed next step', () => {
    expect(checkDraft('我们理解您的担忧，对此深表歉意。我们已下架该批次产品，将在24小时内公布检测结果。').findings).toEqual([]);
  });

  it('flags 使用不当 as blaming the customer', () => {
    expect(checkDraft('我们理解您的担忧，非常抱歉。经查是您使用不当造成的。我们将在今天联系您。').findings).toEqual([
      expect.objectContaining({ rule: 'no-blame', sentenceIndex: 1 }),
    ]);
  });
});

describe(detectDraftLang.name, () => {
  it('treats a mostly-Chinese draft with a brand name in Latin letters as Chinese', () => {
    expect(detectDraftLang('ACME 我们理解您的担忧。')).toBe('zh');
    expect(detectDraftLang('We hear you.')).toBe('en');
  });
});

describe(splitSentences.name, () => {
  it('splits Chinese on 。！？ and English on . ! ?', () => {
    expect(splitSentences('第一句。第二句！第三句？', 'zh')).toEqual(['第一句。', '第二句！', '第三句？']);
    expect(splitSentences('One. Two! Three?', 'en')).toEqual(['One.', 'Two!', 'Three?']);
  });
});
