import { describe, expect, it } from '@jest/globals';
import { importRow } from './import-rows.js';
import { validateMention } from './mention-input.js';

const base = { brand: 'acme', platform: 'weibo', externalId: '1', text: '阿克米的外卖太好吃了', publishedAt: '2026-11-20T08:00:00Z' };
const errorOf = (v: unknown) => {
  const r = validateMention(v);
  return r.ok ? undefined : r.error;
};

describe('validateMention: the one check every ingest path uses', () => {
  it('accepts a mention and reads its instants as UTC', () => {
    const r = validateMention({ ...base, publishedAt: '2026-11-20T16:00:00+08:00', url: 'https://weibo.com/1/2' });
    expect(r.ok && r.mention.publishedAt.toISOString()).toBe('2026-11-20T08:00:00.000Z');
  });

  it('refuses $-keys, NUL and dotted keys anywhere, naming the field', () => {
    expect(errorOf({ ...base, $where: '1' })).toBe('$where: keys starting with "$" are not allowed');
    expect(errorOf({ ...base, extra: { a: { $gt: '' } } })).toBe('extra.a.$gt: keys starting with "$" are not allowed');
    expect(errorOf({ ...base, extra: { list: [{ $set: 1 }] } })).toBe('extra.list.0.$set: keys starting with "$" are not allowed');
    expect(errorOf({ ...base, extra: { 'a\u0000b': 1 } })).toMatch(/^extra\.a\u0000b: keys must not contain NUL/);
    expect(errorOf({ ...base, extra: { 'a.b': 1 } })).toMatch(/keys must not contain "\."/);
    expect(errorOf(JSON.parse('{"brand":"acme","__proto__":{"x":1}}'))).toMatch(/^__proto__: /);
  });

  it('names an empty key as "" (found by fuzzing: {"": []} was refused with an empty field name)', () => {
    expect(errorOf({ '': [] })).toBe('"": empty keys are not allowed');
    expect(errorOf({ ...base, extra: { '': 1 } })).toBe('extra."": empty keys are not allowed');
  });

  it('names unknown fields one by one', () => {
    expect(errorOf({ ...base, colour: 'red', author: { name: 'a', age: 3 } })).toBe('colour: unknown field; author.age: unknown field');
  });

  it('stores only http and https links', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'vbscript:x', 'ftp://example.com/x', '/relative']) {
      expect(errorOf({ ...base, url })).toMatch(/^url: /);
    }
    expect(errorOf({ ...base, url: 'HTTPS://Example.com/a' })).toBeUndefined();
  });

  it('refuses values that are not instants instead of reading them as 1970', () => {
    for (const publishedAt of [null, true, [2026], {}, '1', 'yesterday', '2026-02-30', '2026-11-20T08:00:00', 1e20]) {
      expect(errorOf({ ...base, publishedAt })).toMatch(/^publishedAt: /);
    }
    expect(errorOf({ ...base, publishedAt: undefined })).toMatch(/^publishedAt: required/);
    expect(errorOf({ ...base, publishedAt: 'Fri, 20 Nov 2026 08:00:00 GMT' })).toBeUndefined();
    expect(errorOf({ ...base, publishedAt: '2026-11-20' })).toBeUndefined();
  });

  it('limits nesting and size', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10; i++) deep = { a: deep };
    expect(errorOf({ ...base, extra: deep })).toMatch(/^extra(\.a)+: nested more than 6 levels deep$/);
    expect(errorOf({ ...base, extra: { big: 'x'.repeat(20_000) } })).toMatch(/^extra: larger than/);
    expect(errorOf('a string')).toBe('(item): expected a mention object, got string');
  });
});

describe('importRow', () => {
  const mapping = { columns: {}, defaults: { source: 'import:x.jsonl' } };
  it('refuses a row with a $-key the API refuses, with the same error', () => {
    const r = importRow({ ...base, $where: 'sleep(1000)' }, mapping);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe(errorOf({ ...base, $where: 'sleep(1000)' }));
    const nested = importRow({ ...base, author: { name: 'x', $inc: 1 } }, mapping);
    expect(!nested.ok && nested.error).toBe('author.$inc: keys starting with "$" are not allowed');
  });

  it('maps a clean row to a valid mention', () => {
    const r = importRow({ ...base, likes: '3', url: 'javascript:alert(1)' }, mapping);
    expect(!r.ok && r.error).toMatch(/^url: only http and https/);
    const ok = importRow({ ...base, likes: '3' }, mapping);
    expect(ok.ok && ok.mention.engagement).toEqual({ likes: 3, shares: 0, comments: 0, views: 0 });
  });
});
