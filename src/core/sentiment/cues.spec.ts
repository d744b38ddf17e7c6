import { describe, expect, it } from '@jest/globals';
import { createAnalyzer } from './analyzer.js';
import { readCues } from './chinese.js';
import { keptCueKeys } from './cues.js';

const analyzer = createAnalyzer();

describe(readCues.name, () => {
  it('gives the words the rules cut and the sentiment words they weighed, with the sign they ended with', () => {
    const { keys, names } = readCues('服务不热情，味道很好', true);
    expect(names).toEqual(expect.arrayContaining(['服务', '热情', '味道', 'rules:热情−', 'rules:negated−']));
    expect(names!.some((n) => n.startsWith('rules:') && n.includes('好') && n.endsWith('+'))).toBe(true);
    expect(keys).toHaveLength(names!.length);
  });

  it('gives the same cue the same key and different cues different keys', () => {
    const [good, bad] = [readCues('好', true), readCues('不好', true)];
    expect(readCues('好', false).keys).toEqual(good.keys);
    expect(bad.keys).not.toEqual(expect.arrayContaining(good.keys.slice(1)));
  });
});

describe(keptCueKeys.name, () => {
  it('keeps the cues the analyser read when asked, the same as reading them afresh', () => {
    const text = '快递太慢了，再也不买了';
    const analysis = analyzer.analyze({ text }, { cues: true });
    expect(keptCueKeys(analysis)).toEqual(readCues(text, false).keys);
    expect(keptCueKeys(analyzer.analyze({ text }, { cues: true, explain: true }))).toEqual(keptCueKeys(analysis));
    expect(keptCueKeys(analyzer.analyze({ text }))).toBeUndefined();
  });

  it('leaves the analysis as it was: no extra field, the same explanation', () => {
    const text = '太难吃了';
    expect(analyzer.analyze({ text }, { cues: true })).toEqual(analyzer.analyze({ text }));
    expect(analyzer.analyze({ text }, { explain: true, cues: true })).toEqual(analyzer.analyze({ text }, { explain: true }));
  });
});
