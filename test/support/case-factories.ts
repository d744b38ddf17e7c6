import { casePolicySchema, type PlatformRules } from '../../src/core/cases/case-rules.js';
import { openCase, type CaseSource } from '../../src/core/cases/open-case.js';
import type { Case } from '../../src/core/cases/case.js';

export const testPolicy = casePolicySchema.parse({ id: 'case-default', firstReplyWithinMinutes: 240, resolveWithinMinutes: 1440, businessHours: false });
export const testRules: PlatformRules = { triggers: { negativeAddressed: true, maxStars: 2, crisisTerms: true, minFollowers: 100_000, review: true }, team: 'care', policy: testPolicy };

/** A one-star JD review, with overrides. */
export function source(o: Partial<CaseSource> = {}): CaseSource {
  return {
    id: 'jd:r1', brand: 'acme', platform: 'jd', externalId: 'r1', text: '快递太慢了，一星', publishedAt: new Date('2026-03-02T07:55:00Z'),
    author: { name: 'buyer', hash: 'a1' }, rating: 1, sentiment: { score: -0.6, label: 'negative' }, crisisTerms: [], keywords: [], extra: { productId: 'p9' }, ...o,
  };
}

export function testCase(o: Partial<Case> = {}, at = new Date('2026-03-02T08:00:00Z')): Case {
  return { ...openCase(source(), ['low-rating'], testRules, at), ...o };
}
