import { describe, expect, it } from '@jest/globals';
import { fillEnv, fillTemplate } from './template.js';

describe(fillTemplate.name, () => {
  it('percent-encodes values in URLs and drops a query parameter whose hole is empty', () => {
    expect(fillTemplate('https://x.example/s?q={keyword}&after={cursor}&n=1', { keyword: '热水壶 Acme', cursor: '' })).toBe('https://x.example/s?q=%E7%83%AD%E6%B0%B4%E5%A3%B6%20Acme&n=1');
    expect(fillTemplate('https://x.example/p/{productId}/reviews?page={page}', { productId: 'B0/1', page: 2 })).toBe('https://x.example/p/B0%2F1/reviews?page=2');
  });

  it('writes JSON literals and escapes for JSON strings in body templates', () => {
    const t = '"[null,[{cursor|json|jsonstr}],[{productId|json|jsonstr}]]"';
    expect(fillTemplate(t, { cursor: '', productId: 'com.app' }, 'text')).toBe('"[null,[null],[\\"com.app\\"]]"');
    expect(fillTemplate(t, { cursor: 'tok', productId: 'com.app' }, 'text')).toBe('"[null,[\\"tok\\"],[\\"com.app\\"]]"');
  });
});

describe(fillEnv.name, () => {
  it('fills ${env:NAME} and names the variables that are not set', () => {
    expect(fillEnv('Bearer ${env:TOKEN}', { TOKEN: 'abc' })).toEqual({ value: 'Bearer abc', missing: [] });
    expect(fillEnv('Bearer ${env:TOKEN}', {})).toEqual({ value: 'Bearer ', missing: ['TOKEN'] });
  });
});
