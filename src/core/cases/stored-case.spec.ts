import { describe, it, expect } from '@jest/globals';
import { readCase, storedCase } from './stored-case.js';
import { source, testCase } from '../../../test/support/case-factories.js';
import type { Case } from './case.js';

const queued = [
  { key: 'all', part: '202603021200w30' },
  { key: 'brand=acme&platform=jd', part: 'waiting' },
  { key: 'team=care', part: '202603021200w30s1500r2' },
];
const followUp = { id: 'jd:r2', url: 'https://jd.com/r2', text: '客服也不回复', at: new Date('2026-03-02T08:30:00Z') };

describe(storedCase.name, () => {
  it('keeps only the time of a first mention that repeats its case, and packs each placement into one string', () => {
    const c = testCase({ url: 'https://jd.com/r1', mentions: [{ id: 'jd:r1', url: 'https://jd.com/r1', text: source().text, at: source().publishedAt }, followUp], queued });
    const s = storedCase(c);
    expect(s.mentions).toEqual([{ at: source().publishedAt }, followUp]);
    expect(s.queued).toEqual(['202603021200w30 all', 'waiting brand=acme&platform=jd', '202603021200w30s1500r2 team=care']);
  });

  it('reads back the case it stored, values and key order', () => {
    for (const c of [testCase({ queued }), testCase({ url: 'https://jd.com/r1', mentions: [{ id: 'jd:r1', url: 'https://jd.com/r1', text: source().text, at: source().publishedAt }, followUp] }), testCase()]) {
      expect(JSON.stringify(readCase(storedCase(c)))).toBe(JSON.stringify(c));
    }
  });

  it('keeps a first mention whole when it differs from its case (another mention, text or link, or one purged under retention)', () => {
    const c = testCase();
    const first = c.mentions[0]!;
    const differing: Case[] = [
      { ...c, mentions: [{ ...first, text: 'edited' }] },
      { ...c, mentions: [{ ...first, id: 'jd:other' }] },
      { ...c, mentions: [{ ...first, url: 'https://jd.com/r1' }] },
      { ...c, text: '(removed)', mentions: [{ id: '', text: '(removed)', at: first.at }] },
    ];
    for (const d of differing) {
      expect(storedCase(d).mentions).toEqual(d.mentions);
      expect(readCase(storedCase(d))).toEqual(d);
    }
  });

  it('reads a document of the earlier layout as it is', () => {
    const earlier = testCase({ queued });
    expect(readCase(earlier)).toBe(earlier);
    expect(readCase({ ...earlier, queued: [queued[0]!, '202603021200w30 team=care'] }).queued).toEqual([queued[0], { key: 'team=care', part: '202603021200w30' }]);
  });
});
