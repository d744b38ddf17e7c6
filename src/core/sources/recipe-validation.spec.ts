import { describe, expect, it } from '@jest/globals';
import { formatRecipeError, parseRecipe } from './recipe-validation.js';

const valid = `name: shop
platform: shop
schedule: "*/5 * * * *"
fetch:
  mode: json
  url: https://shop.example/api?q={keyword}&page={page}
extract:
  items: data.items
  fields:
    id: id
    text: body
pagination:
  type: page
`;

describe(parseRecipe.name, () => {
  it('accepts a minimal recipe and fills the defaults', () => {
    const r = parseRecipe(valid, 'shop.yaml');
    expect(r.ok && r.recipe).toMatchObject({
      enabled: true,
      brands: [],
      timezone: 'UTC',
      fetch: { method: 'GET', robots: 'obey', retries: 3, timeoutSeconds: 20 },
      politeness: { concurrency: 1, minIntervalMs: 2000 },
      pagination: { type: 'page', start: 1 },
      limits: { pages: 5, items: 500, seconds: 120 },
    });
  });

  it('points at the line of a bad value, an unknown key and a missing required key', () => {
    const text = valid.replace('mode: json', 'mode: jsonp').replace('    text: body', '    text: body\n    txet: body').replace('    id: id\n', '');
    const r = parseRecipe(text, 'shop.yaml');
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors.map(formatRecipeError)).toEqual([
      'shop.yaml:5:3 fetch.mode: Invalid option: expected one of "http"|"json"|"rss"|"browser"',
      'shop.yaml:9:3 extract.fields.id: required',
      'shop.yaml:11:5 extract.fields.txet: unknown key "txet"; check its spelling against the recipe reference',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const r = parseRecipe('name: a\nfetch: [unclosed\n', 'bad.yaml');
    expect(r.ok ? [] : r.errors.map((e) => [e.line, e.message.startsWith('YAML syntax:')])).toContainEqual([3, true]);
  });

  it('checks that every URL placeholder has a source', () => {
    const r = parseRecipe(valid.replace('{keyword}', '{productId}').replace('type: page', 'type: none'), 'shop.yaml');
    expect(r.ok ? [] : r.errors.map(formatRecipeError)).toEqual([
      'shop.yaml:1:1 products: the URL uses {productId}: list products as [{ id, brand }]',
      'shop.yaml:12:1 pagination: the URL uses {page}: set pagination.type to "page"',
    ]);
  });

  it('rejects a CSS selector that does not parse in an HTML recipe', () => {
    const html = valid.replace('mode: json', 'mode: http').replace('items: data.items', "items: 'div[data-hook=review'").replace('{keyword}&page={page}', '{keyword}').replace('type: page', 'type: none');
    const r = parseRecipe(html, 'shop.yaml');
    expect(r.ok ? [] : r.errors.map(formatRecipeError)).toEqual(['shop.yaml:8:3 extract.items: invalid CSS selector "div[data-hook=review": Attribute selector didn\'t terminate']);
  });

  it('rejects an unknown time zone and a malformed JSON path, and runs the caller\'s extra check', () => {
    const text = valid.replace('platform: shop', 'platform: shop\ntimezone: Mars/Olympus').replace('items: data.items', 'items: "data[items"');
    const r = parseRecipe(text, 'shop.yaml');
    expect(r.ok ? [] : r.errors.map((e) => `${e.line} ${e.key}`)).toEqual(['3 timezone', '9 extract.items']);
    const checked = parseRecipe(valid, 'shop.yaml', () => [{ path: ['schedule'], message: 'bad cron' }]);
    expect(checked.ok ? [] : checked.errors.map(formatRecipeError)).toEqual(['shop.yaml:3:1 schedule: bad cron']);
  });
});
