import { describe, expect, it } from '@jest/globals';
import { evaluateRules } from './evaluate.js';
import type { GroupState } from './group-state.js';
import { mergeRuleFiles, rulesFileSchema, type RuleSet } from './rule.js';
import { aSignal } from '../../../test/support/rule-factories.js';

const t0 = new Date('2026-03-02T10:00:00Z'); // 18:00 in Shanghai
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

const ruleSet = (yamlish: unknown): RuleSet => mergeRuleFiles([rulesFileSchema.parse(yamlish)]);
const defaults = ruleSet({
  rules: [
    { id: 'crisis', severity: 'P1', match: { kinds: ['negative_surge', 'crisis_burst'], crisis: true }, group_wait: '0s' },
    { id: 'negative', severity: 'P2', match: { kinds: ['negative_surge'] }, group_wait: '0s' },
    { id: 'volume', severity: 'P3', match: { kinds: ['volume_surge'] }, group_wait: '0s' },
  ],
  inhibit_rules: [{ source_severities: ['P1'], target_severities: ['P3', 'P4'] }],
});

/** Runs passes in order, feeding each pass the states the previous one stored. */
function passes(rules: RuleSet, steps: [number, ReturnType<typeof aSignal>[]][]) {
  let open: GroupState[] = [];
  const out = [];
  for (const [s, signals] of steps) {
    const e = evaluateRules(rules, open, signals, at(s));
    const stored = new Map(open.map((g) => [g.groupKey, g]));
    for (const g of e.states) stored.set(g.groupKey, g);
    open = [...stored.values()].filter((g) => !g.closedAt);
    out.push(e);
  }
  return out;
}

describe('evaluateRules', () => {
  it('routes a crisis-term negative surge to the first matching rule only', () => {
    const [e] = passes(defaults, [[0, [aSignal({ evidence: { crisisTerms: ['食物中毒'] } })]]]);
    expect(e.due.map((a) => [a.ruleId, a.severity])).toEqual([['crisis', 'P1']]);
  });

  it('keeps a P3 for a brand silent while a P1 for the same brand is open', () => {
    const crisis = aSignal({ key: 'c', evidence: { crisisTerms: ['recall'] } });
    const volume = aSignal({ key: 'v', kind: 'volume_surge' });
    const other = aSignal({ key: 'o', kind: 'volume_surge', brand: 'globex' });
    const [e] = passes(defaults, [[0, [crisis, volume, other]]]);
    expect(e.due.map((a) => `${a.severity} ${a.brand}`).sort()).toEqual(['P1 acme', 'P3 globex']);
    expect(e.muted).toEqual([{ groupKey: 'volume|brand=acme', reason: 'inhibited by crisis|brand=acme' }]);
  });

  it('sends the inhibited P3 once the P1 has ended', () => {
    const crisis = aSignal({ key: 'c', evidence: { crisisTerms: ['recall'] } });
    const volume = aSignal({ key: 'v', kind: 'volume_surge' });
    const [, e] = passes(defaults, [[0, [crisis, volume]], [60, [{ ...crisis, status: 'closed' }, { ...volume, lastSeenAt: at(60) }]]]);
    expect(e.due.map((a) => a.severity)).toEqual(['P3']);
  });

  it('holds P2 during quiet hours but lets P1 through', () => {
    const quiet = ruleSet({
      rules: [
        { id: 'crisis', severity: 'P1', match: { crisis: true }, group_wait: '0s' },
        { id: 'negative', severity: 'P2', match: {}, group_wait: '0s' },
      ],
      quiet_hours: [{ name: 'evening', from: '17:00', to: '08:00', timezone: 'Asia/Shanghai' }],
    });
    const [e] = passes(quiet, [[0, [aSignal({ key: 'p1', evidence: { crisisTerms: ['recall'] } }), aSignal({ key: 'p2', brand: 'globex' })]]]);
    expect(e.due.map((a) => a.severity)).toEqual(['P1']);
    expect(e.muted).toEqual([{ groupKey: 'negative|brand=globex', reason: 'quiet hours evening' }]);
  });

  it('closes a group whose rule was removed', () => {
    const [, e] = passes(defaults, [[0, [aSignal({ key: 'v', kind: 'volume_surge' })]], [0, []]]);
    expect(e.states.every((s) => !s.closedAt)).toBe(true);
    const removed = ruleSet({ rules: [] });
    const open = e.states;
    expect(evaluateRules(removed, open, [], at(60)).states.map((s) => s.closedAt)).toEqual([at(60)]);
  });

  it('lets a user file switch a default rule off by id', () => {
    const merged = mergeRuleFiles([
      rulesFileSchema.parse({ rules: [{ id: 'volume', severity: 'P3' }] }),
      rulesFileSchema.parse({ rules: [{ id: 'volume', severity: 'P3', enabled: false }] }),
    ]);
    expect(merged.rules).toEqual([]);
  });
});
