import { describe, it, expect } from '@jest/globals';
import { compareQueue, queueEntryOf } from './queue.js';
import { testCase } from '../../../test/support/case-factories.js';
import { markReplied, resolve } from './case-actions.js';

const at = (iso: string) => new Date(iso);

describe(queueEntryOf.name, () => {
  it('queues an open case by its first-reply deadline, a replied one by its resolution deadline, and no resolved one', () => {
    const c = testCase();
    expect(queueEntryOf(c)).toMatchObject({ deadline: 'first-reply', dueAt: at('2026-03-02T12:00:00Z') });
    expect(queueEntryOf(markReplied(c, 'https://jd.com/x', 'li', at('2026-03-02T09:00:00Z')))).toMatchObject({ deadline: 'resolve', dueAt: at('2026-03-03T08:00:00Z') });
    expect(queueEntryOf(resolve(c, 'li', at('2026-03-02T09:00:00Z')))).toBeNull();
  });

  it('marks a case waiting for the customer as waiting', () => {
    expect(queueEntryOf(testCase({ clock: { ...testCase().clock, pausedAt: at('2026-03-02T09:00:00Z') } }))?.waiting).toBe(true);
  });
});

describe(compareQueue.name, () => {
  it('sorts by due time, then by reach, with waiting cases last', () => {
    const e = (id: string, due: string, reach: number, waiting?: true) => ({ ...queueEntryOf(testCase({ _id: id }))!, dueAt: at(due), reach, ...(waiting ? { waiting } : {}) });
    const sorted = [e('late', '2026-03-02T13:00:00Z', 1e6), e('wait', '2026-03-02T09:00:00Z', 0, true), e('small', '2026-03-02T12:00:00Z', 10), e('big', '2026-03-02T12:00:00Z', 5000)].sort(compareQueue);
    expect(sorted.map((x) => x._id)).toEqual(['big', 'small', 'late', 'wait']);
  });
});
