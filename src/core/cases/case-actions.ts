import { pauseCaseClock, resumeCaseClock } from './case-clock.js';
import type { BusinessHours, CasePolicy } from './case-rules.js';
import { MAX_CASE_MENTIONS, recorded, type Case, type CaseMention } from './case.js';
import type { CaseReason } from './triage.js';

/** An action the case's state does not allow; the message says what would. */
export class CaseActionRefused extends Error {}

/** The policy and business hours that govern a case's clock. */
export interface CaseTerms {
  policy: CasePolicy;
  hours?: BusinessHours;
}

const open = (c: Case, action: string) => {
  if (c.state === 'resolved') throw new CaseActionRefused(`case ${c._id} is resolved: reopen it before "${action}"`);
};

/** The caller takes the case (refused when someone else owns it: assign it instead). */
export function claim(c: Case, by: string, at: Date): Case {
  open(c, 'claim');
  if (c.owner === by) return c;
  if (c.owner) throw new CaseActionRefused(`case ${c._id} is owned by ${c.owner}: assign it to take it over`);
  return recorded({ ...c, owner: by }, { at, by, action: 'claim' });
}

export function assign(c: Case, owner: string, team: string | undefined, by: string, at: Date): Case {
  open(c, 'assign');
  if (c.owner === owner && (!team || team === c.team)) return c;
  return recorded({ ...c, owner, team: team ?? c.team }, { at, by, action: 'assign', detail: team ? `${owner} (${team})` : owner });
}

/** A public reply was posted: the first one meets the first-reply deadline. */
export function markReplied(c: Case, url: string, by: string, at: Date): Case {
  open(c, 'replied');
  return recorded({ ...c, state: c.state === 'waiting' ? 'waiting' : 'replied', firstRepliedAt: c.firstRepliedAt ?? at, replyUrl: c.replyUrl ?? url }, { at, by, action: 'replied', detail: url });
}

/** Waiting for the customer: the clock stops (if the policy pauses) until they write again. */
export function waitForCustomer(c: Case, terms: CaseTerms, by: string, at: Date): Case {
  open(c, 'wait');
  if (c.state === 'waiting') return c;
  return recorded({ ...c, state: 'waiting', clock: pauseCaseClock(c.clock, terms.policy, at) }, { at, by, action: 'wait' });
}

export function resolve(c: Case, by: string, at: Date, detail?: string): Case {
  if (c.state === 'resolved') return c;
  return recorded({ ...c, state: 'resolved', resolvedAt: at, clock: { ...c.clock, pausedAt: undefined } }, { at, by, action: 'resolve', detail });
}

/** Reopens a resolved case: the resolution deadline counts on from where it stood. */
export function reopen(c: Case, by: string, at: Date, reason?: string): Case {
  if (c.state !== 'resolved') throw new CaseActionRefused(`case ${c._id} is not resolved: only a resolved case can be reopened`);
  const { resolvedAt: _r, ...rest } = c;
  return recorded({ ...rest, state: c.firstRepliedAt ? 'replied' : 'open', fired: c.fired.filter((f) => !f.endsWith('-resolve')) }, { at, by, action: 'reopen', detail: reason });
}

/** A follow-up by the author in the thread joins the case and restarts a clock stopped while waiting for them. */
export function followUp(c: Case, m: CaseMention, reasons: readonly CaseReason[], terms: CaseTerms, at: Date): Case {
  if (c.mentions.some((x) => x.id === m.id)) return c;
  const waiting = c.state === 'waiting';
  const next: Case = {
    ...c,
    state: waiting ? (c.firstRepliedAt ? 'replied' : 'open') : c.state,
    clock: waiting ? resumeCaseClock(c.clock, terms.policy, terms.hours, at) : c.clock,
    reasons: [...new Set([...c.reasons, ...reasons])],
    mentions: [...c.mentions, m].slice(-MAX_CASE_MENTIONS),
  };
  return recorded(next, { at, by: 'ingest', action: 'follow-up', detail: m.id });
}
