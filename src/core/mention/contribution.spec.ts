import { describe, expect, it } from '@jest/globals';
import { addDelta, contributionOf, emptyDeltas } from './contribution.js';

const base = {
  brand: 'acme',
  platform: 'weibo',
  publishedAt: new Date('2026-11-20T10:03:00Z'),
  polarity: 'negative' as const,
  crisisTerms: ['异物'],
  topics: ['外卖'],
  engagement: { likes: 5, shares: 2, comments: 1, views: 0 },
};

describe('bucket deltas', () => {
  it('counts a new mention once in its 5-minute bucket, its topics and crisis terms', () => {
    const d = emptyDeltas();
    addDelta(d, null, contributionOf(base));
    expect([...d.buckets.values()]).toEqual([
      { brand: 'acme', platform: 'weibo', start: Date.parse('2026-11-20T10:00:00Z'), inc: { total: 1, negative: 1, crisis: 1, likes: 5, shares: 2, comments: 1 } },
    ]);
    expect([...d.topics.values()].map((t) => [t.kind, t.topic, t.inc])).toEqual([
      ['keyword', '外卖', { total: 1, negative: 1 }],
      ['crisis', '异物', { total: 1, negative: 1 }],
    ]);
  });

  it('changes only engagement when a re-scrape brings new counts', () => {
    const d = emptyDeltas();
    addDelta(d, contributionOf(base), contributionOf({ ...base, engagement: { likes: 50, shares: 1002, comments: 1, views: 0 } }));
    expect([...d.buckets.values()].map((b) => b.inc)).toEqual([{ likes: 45, shares: 1000 }]);
    expect(d.topics.size).toBe(0);
  });

  it('moves the count between polarities when re-analysis changes the label', () => {
    const d = emptyDeltas();
    addDelta(d, contributionOf(base), contributionOf({ ...base, polarity: 'neutral', crisisTerms: [] }));
    expect([...d.buckets.values()].map((b) => b.inc)).toEqual([{ negative: -1, neutral: 1, crisis: -1 }]);
    expect([...d.topics.values()].map((t) => [t.kind, t.inc])).toEqual([
      ['keyword', { negative: -1, neutral: 1 }],
      ['crisis', { total: -1, negative: -1 }],
    ]);
  });

  it('writes nothing for an unchanged re-ingest', () => {
    const d = emptyDeltas();
    addDelta(d, contributionOf(base), contributionOf(base));
    expect(d.buckets.size + d.topics.size).toBe(0);
  });
});
