import { describe, it, expect } from '@jest/globals';
import { isQuestion, replyReasons, type TriageMention } from './triage.js';
import type { Triggers } from './case-rules.js';

const triggers: Triggers = { negativeAddressed: true, maxStars: 2, crisisTerms: true, minFollowers: 100_000, review: false };
const mention = (o: Partial<TriageMention>): TriageMention => ({ text: 'ok', sentiment: { label: 'neutral' }, crisisTerms: [], ...o });
const names = ['acme', '艾可美'];

describe(replyReasons.name, () => {
  it('asks for a reply to a one- or two-star review, on any rating scale', () => {
    expect(replyReasons(mention({ rating: 1 }), triggers, names)).toEqual(['low-rating']);
    expect(replyReasons(mention({ rating: 4, ratingScale: 10 }), triggers, names)).toEqual(['low-rating']);
    expect(replyReasons(mention({ rating: 3 }), triggers, names)).toEqual([]);
  });

  it('asks for a reply to a negative mention addressed to the brand: @-mention, question or review', () => {
    const negative = { sentiment: { label: 'negative' as const } };
    expect(replyReasons(mention({ ...negative, text: '@Acme my parcel is late again' }), triggers, names)).toEqual(['negative-mention']);
    expect(replyReasons(mention({ ...negative, text: '@艾可美官方旗舰店 快递太慢了' }), triggers, names)).toEqual(['negative-mention']);
    expect(replyReasons(mention({ ...negative, text: '有人也遇到过这种情况吗' }), triggers, names)).toEqual(['negative-question']);
    expect(replyReasons(mention({ ...negative, text: 'terrible blender' }), { ...triggers, review: true }, names)).toEqual(['negative-review']);
  });

  it('leaves negative talk about the brand that addresses nobody to the charts', () => {
    expect(replyReasons(mention({ sentiment: { label: 'negative' }, text: 'acme blenders are terrible' }), triggers, names)).toEqual([]);
  });

  it('asks for a reply to any crisis term, and to a negative author with large reach', () => {
    expect(replyReasons(mention({ crisisTerms: ['food poisoning'] }), triggers, names)).toEqual(['crisis-term']);
    expect(replyReasons(mention({ sentiment: { label: 'negative' }, text: 'awful', followers: 250_000 }), triggers, names)).toEqual(['large-reach']);
  });

  it('honours switched-off triggers', () => {
    const off = { ...triggers, maxStars: 0, crisisTerms: false, minFollowers: 0 };
    expect(replyReasons(mention({ rating: 1, crisisTerms: ['recall'], followers: 1e6 }), off, names)).toEqual([]);
  });
});

describe(isQuestion.name, () => {
  it('knows questions in English and Chinese, with or without a question mark', () => {
    expect(isQuestion('Has anyone else had this')).toBe(true);
    expect(isQuestion('Still broken. Why does it keep happening')).toBe(true);
    expect(isQuestion('为什么还没发货')).toBe(true);
    expect(isQuestion('发货了吗')).toBe(true);
    expect(isQuestion('The delivery was late.')).toBe(false);
  });
});
