import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createAnalyzer } from './analyzer.js';
import { aspectsOf, parseAspects, type Aspect } from './aspects.js';

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
