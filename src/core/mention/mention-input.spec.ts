import { describe, expect, it } from '@jest/globals';
import { mentionInputSchema } from './mention-input.js';

describe('mentionInputSchema', () => {
  it('says how to write a date it cannot read (not "expected date, received Date")', () => {
    const r = mentionInputSchema.safeParse({ brand: 'acme', platform: 'weibo', externalId: '1', text: 'x', publishedAt: 'last Tuesday' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['publishedAt', 'not a readable date: use ISO 8601 with an offset, e.g. 2026-11-20T10:03:00+08:00']]);
  });
});
