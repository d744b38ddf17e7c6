import { describe, it, expect } from '@jest/globals';
import { crmPayload, mapPayload, staleTimestamp } from './crm-payload.js';
import { testCase } from '../../../test/support/case-factories.js';

const at = new Date('2026-03-02T08:00:00Z');

describe(mapPayload.name, () => {
  const payload = crmPayload(testCase(), 'https://gh.example/#/cases?case=x', at);

  it('sends the documented payload as it is without a mapping', () => {
    expect(mapPayload(payload, undefined)).toBe(payload);
    expect(payload).toMatchObject({ schema: 'goldenhour.case/v1', event: 'case.opened', case: { id: 'case:jd:r1', owner: null }, due: { firstReplyAt: '2026-03-02T12:00:00.000Z' } });
  });

  it('builds nested target fields from payload paths and fixed values', () => {
    expect(mapPayload(payload, { 'ticket.external_id': 'case.id', 'ticket.comment.body': 'text.body', 'ticket.priority': 'const:normal', 'ticket.assignee': 'case.owner' })).toEqual({
      ticket: { external_id: 'case:jd:r1', comment: { body: '快递太慢了，一星' }, priority: 'normal', assignee: null },
    });
  });
});

describe(staleTimestamp.name, () => {
  it('accepts Unix seconds within five minutes of our clock and refuses anything else', () => {
    const now = new Date('2026-03-02T08:00:00Z');
    const s = (d: number) => String(now.getTime() / 1000 + d);
    expect(staleTimestamp(s(-299), now)).toBeNull();
    expect(staleTimestamp(s(301), now)).toMatch(/5 minutes/);
    expect(staleTimestamp('2026-03-02T08:00:00Z', now)).toMatch(/Unix seconds/);
    expect(staleTimestamp(undefined, now)).toMatch(/Unix seconds/);
  });
});
