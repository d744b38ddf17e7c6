import { describe, expect, it } from '@jest/globals';
import { frameHeight } from './demo-mail.controller.js';

describe('frameHeight', () => {
  it('gives a long alert mail more than the 420 px that cut it off, and a digest room for its charts', () => {
    const alert = { text: ['[P1] negative surge for acme', '', ...Array.from({ length: 20 }, (_, i) => `- [weibo, ${i} engagements] 全家食物中毒，太恶心了`)].join('\n'), html: '<p>…</p>' };
    expect(frameHeight(alert)).toBeGreaterThan(420);
    const digest = { text: 'Daily digest', html: '<img src="cid:a" width="600" height="320"><img src="cid:b" width="600" height="260">' };
    expect(frameHeight(digest)).toBeGreaterThanOrEqual(580 + 18);
  });

  it('wraps long lines, counting a Chinese character as two letters wide', () => {
    expect(frameHeight({ text: '食'.repeat(100) })).toBe(frameHeight({ text: 'x'.repeat(200) }));
    expect(frameHeight({ text: 'x'.repeat(200) })).toBeGreaterThan(frameHeight({ text: 'x'.repeat(50) }));
  });
});
