import { describe, it, expect } from '@jest/globals';
import { assign, CaseActionRefused, claim, followUp, markReplied, reopen, resolve, waitForCustomer } from './case-actions.js';
import { testCase, testPolicy } from '../../../test/support/case-factories.js';

const at = (iso: string) => new Date(iso);
const terms = { policy: testPolicy };

describe('case actions', () => {
  it('lets a responder claim an unowned case, and refuses to take one someone else owns', () => {
    const mine = claim(testCase(), 'li', at('2026-03-02T08:05:00Z'));
    expect(mine).toMatchObject({ owner: 'li', version: 2 });
    expect(() => claim(mine, 'wang', at('2026-03-02T08:06:00Z'))).toThrow(CaseActionRefused);
    expect(assign(mine, 'wang', undefined, 'lead', at('2026-03-02T08:06:00Z')).owner).toBe('wang');
  });

  it('keeps the first reply\'s time and link when replied again', () => {
    const once = markReplied(testCase(), 'https://jd.com/r1#reply', 'li', at('2026-03-02T09:00:00Z'));
    const twice = markReplied(once, 'https://jd.com/r1#reply2', 'li', at('2026-03-02T10:00:00Z'));
    expect(twice).toMatchObject({ state: 'replied', firstRepliedAt: at('2026-03-02T09:00:00Z'), replyUrl: 'https://jd.com/r1#reply' });
  });

  it('stops the clock while waiting for the customer and restarts it when they write again', () => {
    const waiting = waitForCustomer(testCase(), terms, 'li', at('2026-03-02T09:00:00Z'));
    expect(waiting.state).toBe('waiting');
    const back = followUp(waiting, { id: 'jd:r2', text: '还是没到', at: at('2026-03-02T10:00:00Z') }, [], terms, at('2026-03-02T10:00:00Z'));
    expect(back).toMatchObject({ state: 'open', clock: { firstReplyDueAt: at('2026-03-02T13:00:00Z') } });
    expect(back.mentions.map((m) => m.id)).toEqual(['jd:r1', 'jd:r2']);
  });

  it('takes a follow-up once, however often it is seen', () => {
    const m = { id: 'jd:r2', text: 'again', at: at('2026-03-02T10:00:00Z') };
    const once = followUp(testCase(), m, ['negative-review'], terms, m.at);
    expect(followUp(once, m, [], terms, m.at)).toBe(once);
    expect(once.reasons).toEqual(['low-rating', 'negative-review']);
  });

  it('reopens only a resolved case, and refuses actions on a resolved one', () => {
    const done = resolve(testCase(), 'li', at('2026-03-02T12:00:00Z'));
    expect(() => claim(done, 'li', at('2026-03-02T12:01:00Z'))).toThrow(/reopen it/);
    expect(() => reopen(testCase(), 'li', at('2026-03-02T12:01:00Z'))).toThrow(/not resolved/);
    const again = reopen(done, 'li', at('2026-03-02T13:00:00Z'));
    expect(again.state).toBe('open');
    expect(again).not.toHaveProperty('resolvedAt');
  });
});
