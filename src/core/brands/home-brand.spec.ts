import { describe, expect, it } from '@jest/globals';
import { homeBrand } from './home-brand.js';

describe(homeBrand.name, () => {
  it('opens on the own brand, not on a competitor listed first', () => {
    expect(homeBrand([{ id: 'harbor', kind: 'competitor', competitors: ['sunrise'] }, { id: 'sunrise', competitors: ['harbor'] }])).toBe('sunrise');
  });

  it('without kinds, prefers a brand no other brand names as its competitor', () => {
    expect(homeBrand([{ id: 'globex', competitors: [] }, { id: 'acme', competitors: ['globex'] }])).toBe('acme');
  });

  it('falls back to the first own brand, then the first brand, then nothing', () => {
    expect(homeBrand([{ id: 'a', competitors: ['b'] }, { id: 'b', competitors: ['a'] }])).toBe('a');
    expect(homeBrand([{ id: 'x', kind: 'competitor', competitors: [] }])).toBe('x');
    expect(homeBrand([])).toBeUndefined();
  });
});
