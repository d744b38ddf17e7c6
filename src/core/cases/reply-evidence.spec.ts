import { describe, expect, it } from '@jest/globals';
import { resolve } from './case-actions.js';
import { casesAnsweredBy, merchantReply, officialReply, repliedFromEvidence } from './reply-evidence.js';
import { testCase } from '../../../test/support/case-factories.js';

const seen = new Date('2026-03-02T09:00:00Z');
const review = (extra: Record<string, unknown>) => ({ id: 'jd:r1', platform: 'jd', url: 'https://item.jd.com/p9#r1', publishedAt: new Date('2026-03-02T07:55:00Z'), extra });

describe(casesAnsweredBy.name, () => {
  it('answers the cases opened by the posts an official post replies to', () => {
    expect(casesAnsweredBy({ platform: 'weibo', extra: { inReplyTo: 'w1', threadId: 't7' } })).toEqual(['case:weibo:w1', 'case:weibo:t7']);
    expect(casesAnsweredBy({ platform: 'weibo' })).toEqual([]);
  });
});

describe(merchantReply.name, () => {
  it('reads the merchant reply a review carries, with its own time and link when the recipe captured them', () => {
    expect(merchantReply(review({ merchantReply: { text: '亲，已为您补发', at: '2026-03-02T08:30:00Z', url: 'https://item.jd.com/p9#r1-reply' } }), seen)).toEqual({ by: 'merchant', at: new Date('2026-03-02T08:30:00Z'), url: 'https://item.jd.com/p9#r1-reply' });
    expect(merchantReply(review({ merchantReply: 'Sorry, a new one is on its way', merchantReplyAt: '2026-03-02T08:40:00Z' }), seen)).toEqual({ by: 'merchant', at: new Date('2026-03-02T08:40:00Z'), url: 'https://item.jd.com/p9#r1' });
  });

  it('counts a reply without a time from when it was first seen, and ignores an empty one', () => {
    expect(merchantReply(review({ merchantReply: '已处理' }), seen)?.at).toEqual(seen);
    expect(merchantReply(review({ merchantReply: '  ' }), seen)).toBeNull();
    expect(merchantReply(review({}), seen)).toBeNull();
  });
});

describe(repliedFromEvidence.name, () => {
  const evidence = officialReply({ id: 'weibo:o1', platform: 'weibo', url: 'https://weibo.com/acme/o1', publishedAt: new Date('2026-03-02T08:20:00Z') }, '@Acme官方');

  it('marks an open case replied at the reply\'s time, with its link and who replied', () => {
    const c = repliedFromEvidence(testCase(), evidence);
    expect(c).toMatchObject({ state: 'replied', firstRepliedAt: new Date('2026-03-02T08:20:00Z'), replyUrl: 'https://weibo.com/acme/o1' });
    expect(c.history.at(-1)).toMatchObject({ by: 'official:@Acme官方', action: 'replied', detail: 'https://weibo.com/acme/o1' });
  });

  it('keeps a case that has its first reply already, or is resolved', () => {
    const replied = repliedFromEvidence(testCase(), evidence);
    expect(repliedFromEvidence(replied, { by: 'merchant', at: seen, url: 'x' })).toBe(replied);
    const resolved = resolve(testCase(), 'li', seen);
    expect(repliedFromEvidence(resolved, evidence)).toBe(resolved);
  });
});
