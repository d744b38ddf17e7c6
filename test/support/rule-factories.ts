/** Test factories for rules and signals, with overrides. */
import type { Signal } from '../../src/core/detection/signal.js';
import { ruleSchema, type Rule } from '../../src/core/rules/rule.js';

export function aRule(overrides: Partial<Record<keyof Rule, unknown>> = {}): Rule {
  return ruleSchema.parse({ id: 'negative-surge', severity: 'P2', match: { kinds: ['negative_surge'] }, ...overrides });
}

export function aSignal(overrides: Partial<Signal> = {}): Signal {
  const startedAt = overrides.startedAt ?? new Date('2026-03-02T10:00:00Z');
  return {
    key: 'acme|negative_surge|weibo|2026-03-02T10:00',
    brand: 'acme',
    kind: 'negative_surge',
    scope: { platform: 'weibo' },
    status: 'open',
    startedAt,
    lastSeenAt: startedAt,
    strength: 3,
    peakStrength: 3,
    evidence: { observed: 40, expected: 5, negativeShare: 0.7, crisisTerms: [] },
    ...overrides,
  };
}
