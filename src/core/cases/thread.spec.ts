import { describe, it, expect } from '@jest/globals';
import { caseThreadKey, inSharedThread } from './thread.js';

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

describe(inSharedThread.name, () => {
  const post = { brand: 'acme', platform: 'jd', externalId: 'r1', authorHash: 'u1' };

  it('is true under a named conversation or product page, where a case may already be open', () => {
    expect(inSharedThread({ ...post, extra: { productId: 'sku-9' } })).toBe(true);
    expect(inSharedThread({ ...post, extra: { inReplyTo: 42 } })).toBe(true);
  });

  it('is false for a post that starts its own thread, so a new one needs no thread lookup', () => {
    expect(inSharedThread(post)).toBe(false);
    expect(inSharedThread({ ...post, extra: { note: 'x' } })).toBe(false);
  });
});
