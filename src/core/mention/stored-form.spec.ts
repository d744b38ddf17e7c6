import { describe, expect, it } from '@jest/globals';
import { contributionOf } from './contribution.js';
import { derivedContribution, readForm, storedForm } from './stored-form.js';

const seen = new Date('2026-11-20T10:05:00Z');
const fields = {
  _id: 'weibo:1',
  brand: 'acme',
  platform: 'weibo',
  externalId: '1',
  text: '外卖里有异物',
  publishedAt: new Date('2026-11-20T10:03:00Z'),
  firstSeenAt: seen,
  lastSeenAt: seen,
  engagement: { likes: 5, shares: 2, comments: 1, views: 0 },
  sentiment: { score: -0.6, label: 'negative' as const },
  crisis: [{ term: '异物', weight: 1 }, { term: '异物', weight: 1 }],
  keywords: ['外卖', '外卖'],
  aspects: [{ aspect: 'service', label: 'negative' as const }, { aspect: 'delivery', label: 'positive' as const }],
  extra: { region: 'sh' },
};
/** A mention as the earlier layout stored it (and as services see it): `counted` before `rev`. */
const mention = {
  ...fields,
  counted: contributionOf({ brand: 'acme', platform: 'weibo', publishedAt: fields.publishedAt, polarity: 'negative', crisisTerms: ['异物', '异物'], topics: ['外卖', '外卖'], engagement: fields.engagement, aspects: fields.aspects }),
  rev: 1,
};

describe('stored form of a mention', () => {
  it('derives the contribution a mention was counted with from its own fields', () => {
    expect(derivedContribution(mention)).toEqual(mention.counted);
  });

  it('leaves out what the fields give and reads the same mention back, fields in the same order', () => {
    const stored = storedForm(mention);
    expect(Object.keys(stored)).toEqual(Object.keys(mention).filter((k) => k !== 'counted' && k !== 'lastSeenAt'));
    const back = readForm(stored);
    expect(JSON.stringify(back)).toBe(JSON.stringify(mention));
    expect(Object.keys(back)).toEqual(Object.keys(mention));
  });

  it('keeps a contribution the fields do not give (counted before aspects had counters) and a later sighting time', () => {
    const { aspects: _a, ...withoutAspects } = mention.counted;
    const older = { ...mention, lastSeenAt: new Date('2026-11-20T11:00:00Z'), counted: withoutAspects };
    const stored = storedForm(older);
    expect(stored.counted).toEqual(withoutAspects);
    expect(stored.lastSeenAt).toEqual(older.lastSeenAt);
    expect(readForm(stored)).toBe(stored);
  });

  it('reads a mention of the earlier layout as it is', () => {
    expect(readForm(mention)).toBe(mention);
  });

  it('adds no contribution to a read that projected it away', () => {
    const { counted: _c, ...listed } = storedForm(mention);
    const back = readForm(listed as typeof mention, { counted: false });
    expect(back).not.toHaveProperty('counted');
    expect(back.lastSeenAt).toEqual(seen);
  });

  it('does not change the mention it is given', () => {
    storedForm(mention);
    expect(mention.counted).toBeDefined();
    expect(mention.lastSeenAt).toBe(seen);
  });
});
