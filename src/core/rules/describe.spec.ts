import { describe, expect, it } from '@jest/globals';
import type { GroupSignal } from './group-state.js';
import { alertSummary } from './describe.js';
import { aRule } from '../../../test/support/rule-factories.js';

const at = new Date('2026-03-02T10:00:00Z');
const viral = (i: number, growthPerHour: number): GroupSignal => ({
  key: `acme|viral_post|weibo:p${i}`,
  kind: 'viral_post',
  status: 'open',
  startedAt: at,
  lastSeenAt: at,
  strength: growthPerHour / 1000,
  growthPerHour,
  observed: growthPerHour,
  crisisTerms: [],
  topMentions: [{ platform: 'weibo', externalId: `p${i}`, url: `https://weibo.example/p${i}`, text: `全家吃了日出厨房的鸡饭后食物中毒，第${i}条转发`, engagement: growthPerHour }],
});
const surge = (platform: string, strength: number): GroupSignal => ({
  key: `acme|negative_surge|${platform}`,
  kind: 'negative_surge',
  status: 'open',
  startedAt: at,
  lastSeenAt: at,
  strength,
  platform,
  observed: 40,
  expected: 5,
  negativeShare: 0.7,
  crisisTerms: ['食物中毒'],
  topMentions: [],
});

describe('alertSummary', () => {
  it('describes the strongest signal of each kind, strongest first, a viral post with its post and link, and counts the other signals by kind', () => {
    const open = [viral(1, 2996), viral(2, 2996), viral(3, 3000), viral(4, 2998), surge('weibo', 4), surge('jd', 2)];
    expect(alertSummary(aRule({ description: 'One post is spreading fast.' }), open).split('\n')).toEqual([
      'One post is spreading fast.',
      '- negative surge on weibo: 40 mentions vs ~5 expected; 70% negative; crisis terms: 食物中毒',
      '- viral post on weibo: +3,000 shares/hour — "全家吃了日出厨房的鸡饭后食物中毒，第3条转发" https://weibo.example/p3',
      '- and 4 more signals: 3 viral posts, 1 negative surge',
    ]);
  });

  it('has no "more" line when every signal is shown, and clips a long post to one line', () => {
    const long = { ...viral(1, 1500), topMentions: [{ platform: 'weibo', externalId: 'p1', text: `line one\nline two ${'x'.repeat(200)}`, engagement: 1 }] };
    const lines = alertSummary(aRule(), [long]).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^- viral post on weibo: \+1,500 shares\/hour — "line one line two x+…"$/);
    expect(lines[1]!.length).toBeLessThan(130);
  });
});
