import { describe, expect, it } from '@jest/globals';
import type { StoryRef } from '../stories/story.js';
import { evaluateRules } from './evaluate.js';
import { storyOfSignal } from './group-key.js';
import { mergeRuleFiles, rulesFileSchema } from './rule.js';
import { aSignal } from '../../../test/support/rule-factories.js';

const t0 = new Date('2026-03-02T10:00:00Z');
const story = (id: string, mentions = 30): StoryRef => ({ id, mentions, platforms: ['weibo', 'douyin'], first: { platform: 'weibo', text: 'first post', publishedAt: t0 } });
const rules = mergeRuleFiles([
  rulesFileSchema.parse({
    rules: [
      { id: 'brand-surge', order: 10, severity: 'P2', match: { kinds: ['negative_surge'] }, group_by: ['brand', 'story'], group_wait: '0s' },
      { id: 'platform-surge', order: 20, severity: 'P3', match: { kinds: ['volume_surge'] }, group_by: ['brand', 'platform', 'story'], group_wait: '0s' },
    ],
    inhibit_rules: [{ source_severities: ['P2'], target_severities: ['P3'], equal: ['brand', 'story'] }],
  }),
]);

describe('grouping alerts by story', () => {
  it('makes one alert of a brand surge and its platform signal about the same story: the brand-level one inhibits the narrower', () => {
    const brand = aSignal({ key: 'b', scope: {}, evidence: { stories: [story('s1')] } });
    const platform = aSignal({ key: 'p', kind: 'volume_surge', scope: { platform: 'douyin' }, evidence: { stories: [story('s1')] } });
    const e = evaluateRules(rules, [], [brand, platform], t0);
    expect(e.due.map((a) => a.groupKey)).toEqual(['brand-surge|brand=acme|story=s1']);
    expect(e.due[0]!.evidence.stories?.map((s) => s.id)).toEqual(['s1']);
    expect(e.muted).toEqual([{ groupKey: 'platform-surge|brand=acme|platform=douyin|story=s1', reason: 'inhibited by brand-surge|brand=acme|story=s1' }]);
  });

  it('opens a second alert for a second, unrelated story and does not inhibit its platform signal by the first', () => {
    const first = aSignal({ key: 'b1', scope: {}, evidence: { stories: [story('s1')] } });
    const second = aSignal({ key: 'b2', scope: {}, startedAt: new Date(t0.getTime() + 3_600_000), evidence: { stories: [story('s2')] } });
    const platform = aSignal({ key: 'p2', kind: 'volume_surge', scope: { platform: 'weibo' }, evidence: { stories: [story('s3')] } });
    const e = evaluateRules(rules, [], [first, second, platform], t0);
    expect(e.due.map((a) => a.groupKey).sort()).toEqual(['brand-surge|brand=acme|story=s1', 'brand-surge|brand=acme|story=s2', 'platform-surge|brand=acme|platform=weibo|story=s3']);
  });

  it('keeps a wave of unrelated posts one group: no story stands out, so none is named', () => {
    const wave = aSignal({ key: 'w', scope: {}, evidence: { stories: [story('c1', 2), story('c2', 2), story('c3', 1)] } });
    const platform = aSignal({ key: 'wp', kind: 'volume_surge', scope: { platform: 'weibo' }, evidence: { stories: [story('c4', 3), story('c1', 2)] } });
    const e = evaluateRules(rules, [], [wave, platform], t0);
    expect(e.due.map((a) => a.groupKey)).toEqual(['brand-surge|brand=acme']);
    expect(e.muted).toEqual([{ groupKey: 'platform-surge|brand=acme|platform=weibo', reason: 'inhibited by brand-surge|brand=acme' }]);
  });

  it("names a viral post's own story, however small", () => {
    expect(storyOfSignal({ kind: 'viral_post', evidence: { stories: [story('v', 1)] } })).toBe('v');
    expect(storyOfSignal({ kind: 'negative_surge', evidence: { stories: [story('s', 6), story('t', 3)] } })).toBe('s');
    expect(storyOfSignal({ kind: 'negative_surge', evidence: {} })).toBeUndefined();
  });
});
