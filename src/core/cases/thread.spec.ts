import { describe, it, expect } from '@jest/globals';
import { caseThreadKey } from './thread.js';

describe(caseThreadKey.name, () => {
  const base = { brand: 'acme', platform: 'weibo', externalId: 'p1', authorHash: 'u1', extra: { threadId: 't9' } };

  it('joins a follow-up by the same author in the same thread', () => {
    expect(caseThreadKey({ ...base, externalId: 'p2' })).toBe(caseThreadKey(base));
  });

  it('keeps other authors, other threads and authorless mentions apart', () => {
    expect(caseThreadKey({ ...base, authorHash: 'u2' })).not.toBe(caseThreadKey(base));
    expect(caseThreadKey({ ...base, extra: { threadId: 't10' } })).not.toBe(caseThreadKey(base));
    expect(caseThreadKey({ ...base, authorHash: undefined, externalId: 'p2' })).not.toBe(caseThreadKey({ ...base, authorHash: undefined }));
  });
});
