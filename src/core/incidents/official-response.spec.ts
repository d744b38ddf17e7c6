import { describe, expect, it } from '@jest/globals';
import { firstPostOfStory, normalHandle, officialAccountOf, officialResponses, undoOfficialResponse, type IncidentForResponse, type PostForResponse } from './official-response.js';

const accounts = { weibo: ['@阿克米官方'], douyin: ['AcmeOfficial'] };
const post = (over: Partial<PostForResponse> = {}): PostForResponse => ({
  key: 'weibo:reply-1', brand: 'acme', platform: 'weibo', url: 'https://weibo.example/reply-1', text: '我们非常抱歉，已成立专项小组调查', publishedAt: new Date('2026-03-02T09:32:00Z'),
  author: { name: '阿克米官方' }, ...over,
});
const incident = (over: Partial<IncidentForResponse> = {}): IncidentForResponse => ({
  id: 'acme-1', brand: 'acme', stories: ['20260302:weibo:food-1'], posts: ['weibo:food-1'], responded: false, rejected: [], ...over,
});

describe('officialAccountOf', () => {
  it('knows an official account by handle or name on its own platform, without "@", case or full-width differences', () => {
    expect(officialAccountOf(accounts, { platform: 'weibo', author: { name: '阿克米官方' } })).toBe('@阿克米官方');
    expect(officialAccountOf(accounts, { platform: 'douyin', author: { handle: '@ＡｃｍｅOfficial' } })).toBe('AcmeOfficial');
    expect(normalHandle(' @@AcmeOfficial ')).toBe('acmeofficial');
  });

  it('does not take the same name on another platform, or a post without an author', () => {
    expect(officialAccountOf(accounts, { platform: 'xiaohongshu', author: { name: '阿克米官方' } })).toBeNull();
    expect(officialAccountOf(accounts, { platform: 'weibo' })).toBeNull();
    expect(officialAccountOf(undefined, { platform: 'weibo', author: { name: '阿克米官方' } })).toBeNull();
  });
});

describe('officialResponses', () => {
  it('is the first public response of the incident whose story the official post joined, at the post time', () => {
    const r = officialResponses(post({ story: '20260302:weibo:food-1' }), '@阿克米官方', [incident(), incident({ id: 'acme-2', stories: ['20260302:weibo:other'], posts: [] })], 'x');
    expect(r).toEqual([{ incident: 'acme-1', account: '@阿克米官方', mention: 'weibo:reply-1', via: 'story', at: new Date('2026-03-02T09:32:00Z'), url: 'https://weibo.example/reply-1', text: '我们非常抱歉，已成立专项小组调查' }]);
  });

  it('also counts a reply in a thread the incident captured', () => {
    const r = officialResponses(post({ story: '20260302:weibo:reply-1', extra: { parentId: 'food-1' } }), '@阿克米官方', [incident()], 'x');
    expect(r.map((x) => x.via)).toEqual(['thread']);
  });

  it('leaves incidents already answered, of another brand, unrelated, or where a responder rejected this post', () => {
    const p = post({ story: '20260302:weibo:food-1' });
    expect(officialResponses(p, 'a', [incident({ responded: true })], 'x')).toEqual([]);
    expect(officialResponses(p, 'a', [incident({ brand: 'globex' })], 'x')).toEqual([]);
    expect(officialResponses(p, 'a', [incident({ rejected: ['weibo:reply-1'] })], 'x')).toEqual([]);
    expect(officialResponses(post({ story: 'unrelated' }), 'a', [incident()], 'x')).toEqual([]);
  });

  it('links the mention itself when the post has no URL', () => {
    const { url: _u, ...noUrl } = post({ story: '20260302:weibo:food-1' });
    expect(officialResponses(noUrl, 'a', [incident()], 'mention:weibo:reply-1')[0]!.url).toBe('mention:weibo:reply-1');
  });
});

describe('firstPostOfStory', () => {
  it('reads the first post key out of a story id', () => {
    expect(firstPostOfStory('20260302:weibo:food-1')).toBe('weibo:food-1');
  });
});

describe('undoOfficialResponse', () => {
  const match = { from: 'open' as const, stamped: ['acknowledged', 'responded'] };

  it('takes the incident back to where it was while the match is still the latest step', () => {
    expect(undoOfficialResponse('responded', match)).toEqual({ ok: true, to: 'open', clear: ['acknowledged', 'responded'] });
  });

  it('keeps the later steps people took and clears only the response', () => {
    expect(undoOfficialResponse('mitigated', match)).toEqual({ ok: true, to: 'mitigated', clear: ['responded'] });
    expect(undoOfficialResponse('reopened', match)).toEqual({ ok: true, to: 'reopened', clear: ['responded'] });
  });

  it('asks to reopen a resolved incident first', () => {
    expect(undoOfficialResponse('resolved', match)).toEqual({ ok: false, message: expect.stringContaining('reopen it first') });
  });
});
