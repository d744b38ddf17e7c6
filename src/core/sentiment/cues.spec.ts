import { describe, expect, it } from '@jest/globals';
import { createAnalyzer } from './analyzer.js';
import { chineseCuesOf } from './cues.js';

const analyzer = createAnalyzer();

describe(chineseCuesOf.name, () => {
  it("gives the words the rules cut and the sentiment words they weighed, with the sign they ended with", () => {
    const text = '味道不好，服务很热情';
    const cues = chineseCuesOf(text, analyzer.analyze({ text }));
    expect(cues.tokens).toEqual(expect.arrayContaining(['味道', '服务', '热情']));
    const hits = cues.hits.map((h) => [h.token, Math.sign(h.weight)]);
    expect(hits).toContainEqual(['热情', 1]);
    expect(hits.some(([token, sign]) => String(token).includes('好') && sign === -1)).toBe(true);
  });

  it("reuses the analyser's own cues, and reads the same ones again for an analysis it did not make", () => {
    const text = '快递太慢了，再也不买了';
    const analysis = analyzer.analyze({ text }, { cues: true });
    expect(chineseCuesOf(text, analysis)).toBe(chineseCuesOf(text, analysis));
    expect(chineseCuesOf(text, analyzer.analyze({ text }))).toEqual(chineseCuesOf(text, analysis));
    expect(chineseCuesOf(text, analyzer.analyze({ text }, { cues: true, explain: true }))).toEqual(chineseCuesOf(text, analysis));
  });

  it('leaves the analysis as it was: no extra field, the same explanation', () => {
    const text = '太难吃了';
    expect(analyzer.analyze({ text }, { cues: true })).toEqual(analyzer.analyze({ text }));
    expect(analyzer.analyze({ text }, { explain: true, cues: true })).toEqual(analyzer.analyze({ text }, { explain: true }));
  });
});
