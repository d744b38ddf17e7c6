import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createAnalyzer } from './analyzer.js';
import { aspectsOf, parseAspects, withAspect, withCorrectedAspects, type Aspect } from './aspects.js';

const shipped = parseAspects(readFileSync('rules/aspects.yaml', 'utf8'), 'rules/aspects.yaml');
if (!shipped.ok) throw new Error(shipped.errors.join('\n'));
const aspects: Aspect[] = shipped.aspects;
const analyzer = createAnalyzer();
const of = (text: string, lang: 'en' | 'zh') => aspectsOf(text, lang, aspects, (clause) => analyzer.analyze({ text: clause, lang }).score).map((a) => [a.aspect, a.label]);

describe(aspectsOf.name, () => {
  it('gives each aspect of a Chinese review its own polarity', () => {
    expect(of('送餐很快，但是菜太咸了，难吃', 'zh')).toEqual([
      ['delivery', 'positive'],
      ['taste', 'negative'],
    ]);
    expect(of('包装破了，汤都洒了，客服态度很好', 'zh')).toEqual(expect.arrayContaining([['packaging', 'negative'], ['service', 'positive']]));
  });

  it('gives each aspect of an English review its own polarity', () => {
    expect(of('The food was delicious but the delivery was terribly slow.', 'en')).toEqual([
      ['taste', 'positive'],
      ['delivery', 'negative'],
    ]);
    expect(of('Way too expensive, and the staff were rude.', 'en')).toEqual([
      ['price', 'negative'],
      ['service', 'negative'],
    ]);
  });

  it('matches English terms as whole words only', () => {
    expect(of('I boxed it up myself', 'en')).toEqual([]);
  });
});

describe(parseAspects.name, () => {
  it('reads the shipped aspects, six of them, in both languages', () => {
    expect(aspects.map((a) => a.id)).toEqual(['delivery', 'quality', 'taste', 'service', 'price', 'packaging']);
    for (const a of aspects) expect(a.en.length && a.zh.length).toBeTruthy();
  });

  it('names the file, line and key of a mistake', () => {
    const r = parseAspects('delivery:\n  en: [late]\nFood Safety:\n  zh: [变质]\n', 'aspects.yaml');
    expect(r).toEqual({ ok: false, errors: [expect.stringMatching(/^aspects\.yaml:3: Food Safety: aspect names are lower-case words/)] });
    expect(parseAspects('delivery:\n  fr: [retard]\n', 'aspects.yaml')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^aspects\.yaml:\d: delivery: /)] });
  });
});

describe(withCorrectedAspects.name, () => {
  const by = { by: 'li', at: new Date('2026-11-20T09:00:00Z') };
  it('keeps an aspect a person corrected over a fresh analysis, even one the analysis no longer finds', () => {
    const fresh = [{ aspect: 'taste', score: -0.6, label: 'negative' as const }, { aspect: 'delivery', score: 0.5, label: 'positive' as const }];
    const stored = [{ aspect: 'taste', score: 1, label: 'positive' as const, corrected: by }, { aspect: 'price', score: -1, label: 'negative' as const, corrected: by }, { aspect: 'delivery', score: -0.2, label: 'negative' as const }];
    expect(withCorrectedAspects(fresh, stored).map((a) => [a.aspect, a.label, !!a.corrected])).toEqual([
      ['delivery', 'positive', false],
      ['price', 'negative', true],
      ['taste', 'positive', true],
    ]);
  });

  it('sets or removes one aspect (withAspect)', () => {
    const stored = [{ aspect: 'taste', score: -0.6, label: 'negative' as const }];
    expect(withAspect(stored, 'taste', { score: 1, label: 'positive', corrected: by })).toEqual([{ aspect: 'taste', score: 1, label: 'positive', corrected: by }]);
    expect(withAspect(stored, 'service', { score: -1, label: 'negative' }).map((a) => a.aspect)).toEqual(['service', 'taste']);
    expect(withAspect(stored, 'taste', null)).toEqual([]);
  });
});
