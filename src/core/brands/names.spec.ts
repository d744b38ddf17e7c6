import { describe, expect, it } from '@jest/globals';
import { brandNames, neutralNames, type BrandNaming } from './names.js';

const acme: BrandNaming = { id: 'acme', name: 'Acme', names: { zh: '阿克米' }, aliases: ['ACME Corp'], competitors: ['rival', 'unknown'] };
const rival: BrandNaming = { id: 'rival', name: 'Rival', names: {}, aliases: [], competitors: [] };

describe('brand names', () => {
  it('a mention may name a brand by its id, name, names per language or aliases, in any case', () => {
    expect(brandNames(acme)).toEqual(['acme', 'acme', '阿克米', 'acme corp']);
  });

  it('the neutral names of a brand are its own and its competitors’, an unconfigured competitor by its id', () => {
    expect(neutralNames(acme, [acme, rival])).toEqual(['acme', 'Acme', '阿克米', 'ACME Corp', 'rival', 'Rival', 'unknown']);
  });
});
