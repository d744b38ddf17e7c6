import { describe, expect, it } from '@jest/globals';
import type { Alert } from '../rules/alert.js';
import { slaPolicySchema } from '../sla/policy.js';
import { incidentMonth } from './incident-months.js';
import { incidentId, newIncident, severityAfterJoin } from './incident-identity.js';

const createdAt = new Date('2026-03-02T10:04:31Z');
const now = new Date('2026-03-02T10:05:00Z');
const policy = slaPolicySchema.parse({ id: 'one-hour', respondWithinMinutes: 60, solveWithinMinutes: 240 });
const story = (id: string, mentions: number) => ({ id, mentions, platforms: ['weibo'], first: { platform: 'weibo', text: 'Acme 水壶漏水', publishedAt: createdAt } });

function anAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    key: 'crisis|brand=acme@2026-03-02T10:00:00.000Z',
    groupKey: 'crisis|brand=acme',
    brand: 'acme',
    severity: 'P2',
    title: 'Negative surge on weibo',
    summary: '40 negative mentions in 15 minutes',
    ruleId: 'crisis',
    teams: ['support', 'pr'],
    channels: ['email', 'slack'],
    slaPolicy: 'one-hour',
    signalKeys: ['acme|negative_surge|weibo|2026-03-02T10:00'],
    createdAt,
    lastNotifiedAt: createdAt,
    needsResponse: true,
    reason: 'new',
    notifyCount: 1,
    evidence: { kinds: ['negative_surge'], crisisTerms: ['漏水'], topMentions: [] },
    ...overrides,
  };
}

describe('incident identity', () => {
  it('keys an incident by brand, the minute its alert was created and a hash of the alert key', () => {
    expect(incidentId(anAlert())).toBe('acme-202603021004-53816c');
    expect(incidentId(anAlert({ key: 'crisis|brand=acme@2026-03-02T11:00:00.000Z' }))).toBe('acme-202603021004-46b8f4');
  });

  it('gives a replayed alert the same key, whenever it is replayed, and names the month partition', () => {
    const replayed = anAlert({ lastNotifiedAt: new Date('2026-04-01T00:00:00Z'), notifyCount: 3, reason: 'repeat' });
    expect(incidentId(replayed)).toBe(incidentId(anAlert()));
    expect(incidentMonth(incidentId(anAlert()))).toBe('202603');
  });

  it('opens an incident owned by the first team, audited as opened by the daemon, with its SLA clock started now', () => {
    const alert = anAlert();
    expect(newIncident(alert, now, policy)).toEqual({
      _id: 'acme-202603021004-53816c',
      groupKey: 'crisis|brand=acme',
      brand: 'acme',
      severity: 'P2',
      title: alert.title,
      summary: alert.summary,
      ruleId: 'crisis',
      team: 'support',
      teams: ['support', 'pr'],
      channels: ['email', 'slack'],
      state: 'open',
      alertKeys: [alert.key],
      signalKeys: alert.signalKeys,
      evidence: alert.evidence,
      notes: [],
      audit: [{ at: now, by: 'goldenhour', action: 'open', to: 'open', detail: `alert ${alert.key} (rule crisis)` }],
      openedAt: now,
      milestones: {},
      sla: { policyId: 'one-hour', startedAt: now, respondDueAt: new Date('2026-03-02T11:05:00Z'), solveDueAt: new Date('2026-03-02T14:05:00Z'), pausedMs: 0, firedSteps: [] },
      updatedAt: now,
    });
  });

  it('claims the largest story behind the alert, also when it does not stand out (a later alert about that post joins)', () => {
    const about = anAlert({ evidence: { kinds: ['negative_surge'], crisisTerms: [], topMentions: [], stories: [story('s1', 8), story('s2', 2)] } });
    expect(newIncident(about, now, policy).story).toBe('s1');
    const close = anAlert({ evidence: { kinds: ['negative_surge'], crisisTerms: [], topMentions: [], stories: [story('s1', 3), story('s2', 2)] } });
    expect(newIncident(close, now, policy).story).toBe('s1');
    expect(newIncident(anAlert({ evidence: { kinds: ['negative_surge'], crisisTerms: [], topMentions: [] } }), now, policy)).not.toHaveProperty('story');
  });

  it('lets a joining alert raise the severity but never lower it', () => {
    expect(severityAfterJoin('P3', 'P1')).toBe('P1');
    expect(severityAfterJoin('P1', 'P3')).toBe('P1');
    expect(severityAfterJoin('P2', 'P2')).toBe('P2');
  });
});
