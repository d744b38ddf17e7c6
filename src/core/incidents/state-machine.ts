/** The incident lifecycle the response board shows. */
export const INCIDENT_STATES = ['open', 'acknowledged', 'responded', 'mitigated', 'resolved', 'reopened'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** What a person can do to an incident. */
export const INCIDENT_ACTIONS = ['acknowledge', 'assign', 'respond', 'mitigate', 'resolve', 'reopen', 'note'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

export type Role = 'viewer' | 'responder' | 'admin';

/** Roles allowed to change incidents; viewers only look. */
const ACTING_ROLES: readonly Role[] = ['responder', 'admin'];

/**
 * Progress order: a later state may be reached directly (a public response recorded without a separate
 * acknowledgement still counts as acknowledged). A reopened incident starts over from the bottom.
 */
const RANK: Record<IncidentState, number> = { open: 0, reopened: 0, acknowledged: 1, responded: 2, mitigated: 3, resolved: 4 };

const TARGET: Partial<Record<IncidentAction, IncidentState>> = {
  acknowledge: 'acknowledged',
  respond: 'responded',
  mitigate: 'mitigated',
  resolve: 'resolved',
};

export type TransitionResult =
  | { ok: true; to: IncidentState }
  | { ok: false; reason: 'forbidden' | 'invalid_transition'; message: string };

/** Whether `role` may apply `action` to an incident in state `from`, and the resulting state. */
export function transition(from: IncidentState, action: IncidentAction, role: Role): TransitionResult {
  if (!ACTING_ROLES.includes(role)) {
    return { ok: false, reason: 'forbidden', message: `role "${role}" cannot ${action} incidents; ask an admin for a responder token` };
  }
  if (action === 'note') return { ok: true, to: from };
  if (action === 'reopen') {
    return from === 'resolved'
      ? { ok: true, to: 'reopened' }
      : invalid(from, action, 'only a resolved incident can be reopened');
  }
  if (from === 'resolved') return invalid(from, action, 'reopen it first');
  if (action === 'assign') return { ok: true, to: from };
  const to = TARGET[action]!;
  if (RANK[to] <= RANK[from]) return invalid(from, action, `it is already ${from}`);
  return { ok: true, to };
}

/** The actions available from a state, for showing buttons on the board. */
export function availableActions(from: IncidentState, role: Role): IncidentAction[] {
  return INCIDENT_ACTIONS.filter((a) => transition(from, a, role).ok);
}

/** The milestones passed on the way from `from` to `to`, so skipped steps are stamped too. */
export function milestonesReached(from: IncidentState, to: IncidentState): Array<'acknowledged' | 'responded' | 'mitigated' | 'resolved'> {
  if (to === 'reopened' || to === 'open') return [];
  const order = ['acknowledged', 'responded', 'mitigated', 'resolved'] as const;
  return order.filter((m) => RANK[m] > RANK[from] && RANK[m] <= RANK[to]);
}

function invalid(from: IncidentState, action: IncidentAction, why: string): TransitionResult {
  return { ok: false, reason: 'invalid_transition', message: `cannot ${action} an incident that is ${from}: ${why}` };
}
