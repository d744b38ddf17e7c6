/** Signal factory for alert tests: a negative surge on Weibo with crisis terms, overridable. */
import type { Signal } from '../../../src/core/detection/signal.js';

export function aSignal(overrides: Partial<Signal> = {}): Signal {
  const startedAt = overrides.startedAt ?? new Date('2026-11-20T08:00:00Z');
  return {
    key: `acme|negative_surge|weibo|${startedAt.toISOString()}`,
    brand: 'acme',
    kind: 'negative_surge',
    scope: { platform: 'weibo' },
    status: 'open',
    startedAt,
    lastSeenAt: startedAt,
    strength: 4.2,
    peakStrength: 4.2,
    evidence: {
      observed: 120,
      expected: 8,
      negativeShare: 0.81,
      baselineNegativeShare: 0.12,
      crisisTerms: ['食物中毒'],
      topMentions: [
        { platform: 'weibo', externalId: 'w-1', url: 'https://weibo.example/status/w-1', text: '吃了阿克米的午餐后全家食物中毒', engagement: 1200 },
        { platform: 'weibo', externalId: 'w-2', url: 'https://weibo.example/status/w-2', text: 'Acme lunch made us sick', engagement: 300 },
      ],
    },
    ...overrides,
  };
}
