import { describe, expect, it } from '@jest/globals';
import { caseAspects } from './case-aspects.js';

const aspects = [
  { id: 'delivery', en: ['delivery', 'courier'], zh: ['快递', '配送'] },
  { id: 'service', en: ['customer service', 'refund'], zh: ['客服', '退款'] },
];

describe(caseAspects.name, () => {
  it('names the aspects a complaint talks about, in Chinese, English or both', () => {
    expect(caseAspects('快递晚了三天，客服也不回复', aspects)).toEqual(['delivery', 'service']);
    expect(caseAspects('Still waiting for my refund', aspects)).toEqual(['service']);
    expect(caseAspects('包装破了 and the courier left it outside', aspects)).toEqual(['delivery']);
  });

  it('matches English terms as whole words only', () => {
    expect(caseAspects('the redelivery fee is absurd', aspects)).toEqual([]);
  });
});
