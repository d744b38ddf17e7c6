import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseCrisisTerms } from './crisis-terms.js';

describe(parseCrisisTerms.name, () => {
  it('flattens categories into terms with the category severity unless a term has its own', () => {
    const result = parseCrisisTerms('zh:\n  injury:\n    severity: 0.8\n    terms: [受伤, { term: 死亡, severity: 1 }]\n', 'x.yaml');
    expect(result).toEqual({
      ok: true,
      terms: [
        { term: '受伤', lang: 'zh', category: 'injury', severity: 0.8 },
        { term: '死亡', lang: 'zh', category: 'injury', severity: 1 },
      ],
    });
  });

  it('lower-cases English terms so matching ignores case', () => {
    const result = parseCrisisTerms('en:\n  recall:\n    severity: 0.5\n    terms: [FDA Recall]\n', 'x.yaml');
    expect(result.ok && result.terms[0]!.term).toBe('fda recall');
  });

  it('names the file, line and key of each mistake with what is expected', () => {
    const text = ['en:', '  food:', '    severity: 2', '    terms: [x]', 'zh:', '  Bad Name:', '    severity: 0.5', '    terms: [y]'].join('\n');
    const result = parseCrisisTerms(text, 'rules/crisis-terms.yaml');
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors[0]).toMatch(/^rules\/crisis-terms\.yaml:3: en\.food\.severity: .*1/);
    expect(errors[1]).toMatch(/^rules\/crisis-terms\.yaml:6: zh\.Bad Name: .*food-safety/);
  });

  it('reports broken YAML with its line', () => {
    const result = parseCrisisTerms('en:\n  food:\n    terms: [a, b\n', 'broken.yaml');
    expect(result.ok ? [] : result.errors[0]).toMatch(/^broken\.yaml:\d+: invalid YAML/);
  });

  it('rejects a language it does not know', () => {
    const result = parseCrisisTerms('fr:\n  food:\n    severity: 0.5\n    terms: [x]\n', 'x.yaml');
    expect(result.ok ? [] : result.errors[0]).toMatch(/^x\.yaml:1: /);
  });

  it('accepts the shipped rules/crisis-terms.yaml', () => {
    const result = parseCrisisTerms(readFileSync('rules/crisis-terms.yaml', 'utf8'), 'rules/crisis-terms.yaml');
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
