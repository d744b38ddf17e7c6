import { describe, expect, it } from '@jest/globals';
import { toMention } from './map-mention.js';
import { nextRequest } from './pagination.js';
import { formatRecipeError, parseRecipe } from './recipe-validation.js';

const recipeText = (urlField: string, pagination = 'type: page') => `name: shop
platform: shop
schedule: "*/5 * * * *"
fetch:
  mode: json
  url: https://shop.example/api?q={keyword}${pagination === 'type: page' ? '&page={page}' : ''}
extract:
  items: data.items
  fields:
    id: id
    text: body
    url: ${urlField}
pagination:
  ${pagination}
`;

const recipe = (() => {
  const r = parseRecipe(recipeText('link'), 'shop.yaml');
  if (!r.ok) throw new Error(r.errors.map(formatRecipeError).join('\n'));
  return r.recipe;
})();
const ctx = { brand: 'acme', pageUrl: 'https://shop.example/api?q=acme&page=1', now: new Date('2026-11-20T08:00:00Z') };

describe('links scraped from pages', () => {
  it('keeps http(s) links, resolving relative ones against the page', () => {
    const r = toMention({ fields: { id: '1', text: 'fine', url: '/r/1' }, extra: {} }, recipe, ctx);
    expect(r.ok && r.mention.url).toBe('https://shop.example/r/1');
    expect(r.ok && r.dropped).toEqual([]);
  });

  it('drops a javascript:, data: or file: link with a reason and keeps the mention', () => {
    for (const url of ['javascript:alert(document.cookie)', ' JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd']) {
      const r = toMention({ fields: { id: '1', text: 'fine', url }, extra: {} }, recipe, ctx);
      expect(r.ok).toBe(true);
      expect(r.ok && r.mention.url).toBeUndefined();
      expect(r.ok && r.dropped[0]).toMatch(/^item 1: url dropped: link .*only http and https/);
    }
  });

  it('does not follow a next-page link that is not http(s)', () => {
    const r = parseRecipe(recipeText('link', 'type: link\n  next: next'), 'shop.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatRecipeError).join('\n'));
    const memory = { cursors: new Set<string>(), urls: new Set<string>() };
    const page = { found: 1, newItems: 1, pageUrl: ctx.pageUrl };
    expect(nextRequest(r.recipe, { index: 1 }, { ...page, next: 'javascript:alert(1)' }, memory)).toEqual({ stop: 'unsafe-next-link' });
    expect(nextRequest(r.recipe, { index: 1 }, { ...page, next: '?page=2' }, memory)).toEqual({ index: 2, url: 'https://shop.example/api?page=2' });
  });

  it('refuses a recipe whose link template is not http(s), with file:line', () => {
    const r = parseRecipe(recipeText('{ template: "javascript:alert({id})" }'), 'shop.yaml');
    expect(!r.ok && r.errors.map(formatRecipeError)).toEqual(['shop.yaml:12:12 extract.fields.url.template: links must be http:// or https:// (or a path relative to the page), not "javascript:"']);
    const hole = parseRecipe(recipeText('{ template: "{permalink}" }'), 'shop.yaml');
    expect(!hole.ok && hole.errors[0]!.message).toMatch(/must not start with a \{hole\}/);
    expect(parseRecipe(recipeText('{ template: "/t/{id}" }'), 'shop.yaml').ok).toBe(true);
  });
});

describe('YAML the parsers could not read (found by fuzzing)', () => {
  it('reports an alias without an anchor at its line instead of throwing', async () => {
    const { parseSlaFile } = await import('../sla/policy-file.js');
    expect(parseRecipe('name: shop\ny: *a\n', 'shop.yaml')).toEqual({ ok: false, errors: [{ file: 'shop.yaml', line: 2, column: 4, key: '', message: expect.stringMatching(/^YAML: /) }] });
    expect(parseSlaFile('y: *a', 'sla.yaml')).toEqual({ ok: false, errors: [{ file: 'sla.yaml', line: 1, column: 4, path: '', message: expect.stringMatching(/^YAML: /) }] });
  });
});
