import { describe, expect, it } from '@jest/globals';
import { hoursBetween, journalCollection, journalHighlightOf, mostEngagingInJournal, packJournal, type JournalEntry } from './journal.js';
import { changeKind, daysBetween, utcDay, type MentionState } from './mention-state.js';
import { addEngagementDelta, emptyDeltas } from './contribution.js';

const T = Date.parse('2026-11-20T08:00:00Z');
const entry = (over: Partial<JournalEntry>): JournalEntry => ({ k: 'weibo:1', b: 'acme', r: 1, d: '20261120', q: T, t: T, e: [0, 0, 0, 0], p: 'negative', ...over });
const highlight = (id: string, publishedAt = T) => ({ platform: 'weibo', externalId: id, text: `post ${id}`, publishedAt, crisisTerms: [] });

describe('the mention journal', () => {
  it('packs a batch into one document per UTC hour of observation', () => {
    const packed = packJournal([entry({ t: T }), entry({ k: 'weibo:2', t: T + 1000 }), entry({ k: 'weibo:3', t: T + 86_400_000 })]);
    expect([...packed.keys()]).toEqual(['journal_2026112008', 'journal_2026112108']);
    expect(JSON.parse(packed.get('journal_2026112008')!.data)).toHaveLength(2);
    expect(packed.get('journal_2026112008')!.at).toEqual(new Date(T + 1000));
    expect(journalCollection(T + 3_599_999)).toBe('journal_2026112008');
    expect(hoursBetween(T - 1, T + 3_600_000)).toEqual([T - 3_600_000, T]);
  });

  it('ranks evidence by the latest engagement of mentions published in the range, of one polarity', () => {
    const entries = [
      entry({ k: 'weibo:a', r: 1, h: highlight('a'), e: [0, 1, 0, 0] }),
      entry({ k: 'weibo:b', r: 1, h: highlight('b'), e: [0, 5, 0, 0] }),
      entry({ k: 'weibo:a', r: 2, e: [3, 9, 1, 0], t: T + 60_000 }),
      entry({ k: 'weibo:c', r: 1, h: highlight('c'), p: 'positive', e: [0, 50, 0, 0] }),
      entry({ k: 'weibo:old', r: 1, h: highlight('old', T - 7_200_000), e: [0, 99, 0, 0] }),
      entry({ k: 'weibo:other', b: 'globex', r: 1, h: highlight('other'), e: [0, 99, 0, 0] }),
    ];
    const top = mostEngagingInJournal(entries, { brand: 'acme', from: T - 3_600_000, to: T + 3_600_000, polarity: 'negative', limit: 5 });
    expect(top.map((m) => m.key)).toEqual(['weibo:a', 'weibo:b']);
    expect(top[0]!.engagement).toEqual({ likes: 3, shares: 9, comments: 1, views: 0 });
  });
});

describe(journalHighlightOf.name, () => {
  const mention = { platform: 'meituan', externalId: 'r1', text: '送得很快，但是饭菜有头发', publishedAt: new Date(T), crisis: [] };

  it('keeps the review aspects the mention is negative about (what alert rules match)', () => {
    const aspects = [{ aspect: 'delivery', label: 'positive' as const }, { aspect: 'taste', label: 'negative' as const }];
    expect(journalHighlightOf({ ...mention, aspects }).negativeAspects).toEqual(['taste']);
    expect(journalHighlightOf(mention)).not.toHaveProperty('negativeAspects');
  });
});

describe('mention state', () => {
  const state = (over: Partial<MentionState>): MentionState => ({ key: 'weibo:1', day: '20261120', rev: 1, counted: { brand: 'acme', platform: 'weibo', bucket: T, polarity: 'negative', crisisTerms: [], topics: ['hair'], likes: 0, shares: 0, comments: 0, views: 0 }, engagement: { likes: 0, shares: 0, comments: 0, views: 0 }, content: 'x', firstSeenAt: T, lastSeenAt: T, ...over });

  it('tells an unchanged sighting from an engagement change and a content change', () => {
    expect(changeKind(state({}), state({ lastSeenAt: T + 1 }))).toBe('unchanged');
    expect(changeKind(state({}), state({ engagement: { likes: 1, shares: 0, comments: 0, views: 0 } }))).toBe('engagement');
    expect(changeKind(state({}), state({ content: 'y' }))).toBe('content');
    expect(changeKind(state({}), state({ day: '20261121' }))).toBe('content');
  });

  it("names UTC days", () => {
    expect(utcDay(Date.parse('2026-11-20T23:59:59Z'))).toBe('20261120');
    expect(daysBetween(Date.parse('2026-11-20T12:00:00Z'), Date.parse('2026-11-22T00:00:00Z'))).toEqual(['20261120', '20261121']);
  });

  it('moves only the engagement counters of the bucket by the difference', () => {
    const d = emptyDeltas();
    addEngagementDelta(d, { brand: 'acme', platform: 'weibo', bucket: T }, { likes: 2, shares: 1, comments: 0, views: 0 }, { likes: 10, shares: 1, comments: 3, views: 0 });
    expect([...d.buckets.values()]).toEqual([{ brand: 'acme', platform: 'weibo', start: T, inc: { likes: 8, comments: 3 } }]);
    addEngagementDelta(d, { brand: 'acme', platform: 'weibo', bucket: T }, { likes: 10, shares: 1, comments: 3, views: 0 }, { likes: 2, shares: 1, comments: 0, views: 0 });
    expect(d.buckets.size).toBe(0);
  });
});
