/**
 * Alertmanager-style timing as a pure state machine: the first signal opens a group and waits
 * group_wait for companions; the group then notifies at most every group_interval when its signals
 * changed, and again every repeat_interval while it stays open.
 */
import type { Signal } from '../detection/signal.js';
import type { Alert } from './alert.js';
import { alertSummary, alertTitle, evidenceOf } from './describe.js';
import { parseDuration } from './duration.js';
import { groupKeyOf, groupLabels } from './group-key.js';
import type { GroupSignal, GroupState } from './group-state.js';
import { ruleNeedsResponse, type Rule } from './rule.js';

export interface StepInput {
  rule: Rule;
  /** The group's state, undefined when no open group has this key. */
  state: GroupState | undefined;
  /** Signals of this group seen now (open or closed); may be empty for a timer tick. */
  signals: readonly Signal[];
  now: Date;
  /** Inhibited or in quiet hours: a due notification waits until it is no longer muted. */
  muted?: boolean;
}

export interface StepResult {
  notify?: Alert;
  /** The state to store; `closedAt` set when the group's signals all ended. Undefined: nothing to store. */
  nextState: GroupState | undefined;
}

function toGroupSignal(s: Signal): GroupSignal {
  return {
    key: s.key,
    kind: s.kind,
    status: s.status,
    startedAt: s.startedAt,
    lastSeenAt: s.lastSeenAt,
    strength: s.strength,
    platform: s.scope.platform,
    topic: s.scope.topic,
    observed: s.evidence.observed,
    expected: s.evidence.expected,
    negativeShare: s.evidence.negativeShare,
    growthPerHour: s.evidence.growthPerHour,
    crisisTerms: s.evidence.crisisTerms ?? [],
    topMentions: (s.evidence.topMentions ?? []).slice(0, 5),
    ...(s.evidence.stories?.length ? { stories: s.evidence.stories.slice(0, 3) } : {}),
  };
}

/** Signals that still keep the group open at `now`: open and seen within resolve_timeout. */
export function openSignals(state: GroupState, rule: Rule, now: Date): GroupSignal[] {
  const timeout = parseDuration(rule.resolve_timeout);
  return state.signals.filter((s) => s.status === 'open' && now.getTime() - s.lastSeenAt.getTime() < timeout);
}

function openGroup(rule: Rule, first: Signal, now: Date): GroupState {
  const labels = groupLabels(rule, first);
  const groupKey = groupKeyOf(rule.id, labels);
  return {
    groupKey,
    ruleId: rule.id,
    brand: first.brand,
    labels,
    alertKey: `${groupKey}@${now.toISOString()}`,
    openedAt: now,
    signals: [],
    notifiedSignals: [],
    notifyCount: 0,
    nextFlushAt: new Date(now.getTime() + parseDuration(rule.group_wait)),
  };
}

function merge(signals: readonly GroupSignal[], incoming: readonly Signal[]): GroupSignal[] {
  const byKey = new Map(signals.map((s) => [s.key, s]));
  for (const s of incoming) byKey.set(s.key, toGroupSignal(s));
  return [...byKey.values()];
}

const fingerprint = (open: readonly GroupSignal[]) => open.map((s) => s.key).sort();

function dueReason(state: GroupState, rule: Rule, open: readonly GroupSignal[], now: Date): Alert['reason'] | undefined {
  if (state.notifyCount === 0) return 'new';
  const notified = new Set(state.notifiedSignals);
  if (fingerprint(open).some((k) => !notified.has(k))) return 'update';
  const sinceLast = now.getTime() - (state.lastNotifiedAt ?? state.openedAt).getTime();
  return sinceLast >= parseDuration(rule.repeat_interval) ? 'repeat' : undefined;
}

function toAlert(rule: Rule, state: GroupState, open: readonly GroupSignal[], reason: Alert['reason'], now: Date): Alert {
  const evidence = evidenceOf(open);
  return {
    key: state.alertKey,
    groupKey: state.groupKey,
    brand: state.brand,
    severity: rule.severity,
    title: alertTitle(rule.severity, state, evidence),
    summary: alertSummary(rule, open),
    ruleId: rule.id,
    teams: rule.teams,
    channels: rule.channels,
    slaPolicy: rule.sla_policy,
    signalKeys: state.signals.map((s) => s.key),
    createdAt: state.openedAt,
    lastNotifiedAt: now,
    needsResponse: ruleNeedsResponse(rule),
    reason,
    notifyCount: state.notifyCount + 1,
    evidence,
  };
}

/** One evaluation of one group at `now`: merges the signals, closes the group when they ended, notifies when due. */
export function stepGroup({ rule, state, signals, now, muted = false }: StepInput): StepResult {
  if (!state) {
    const first = signals.find((s) => s.status === 'open');
    if (!first) return { nextState: undefined };
    state = openGroup(rule, first, now);
  }
  const merged: GroupState = { ...state, signals: merge(state.signals, signals) };
  const open = openSignals(merged, rule, now);
  if (open.length === 0) return { nextState: { ...merged, closedAt: now } };
  if (now < merged.nextFlushAt || muted) return { nextState: merged };

  const nextFlushAt = new Date(now.getTime() + parseDuration(rule.group_interval));
  const reason = dueReason(merged, rule, open, now);
  if (!reason) return { nextState: { ...merged, nextFlushAt } };
  const notify = toAlert(rule, merged, open, reason, now);
  return {
    notify,
    nextState: { ...merged, nextFlushAt, notifiedSignals: fingerprint(open), lastNotifiedAt: now, notifyCount: notify.notifyCount },
  };
}

/**
 * The earliest time from `now` on at which a timer pass (no new signals) could change an open group: its next
 * flush, or the moment one of its open signals times out. A group whose flush time passed while it stayed muted,
 * or whose rule is gone, is due now. Undefined when no group is open: timer passes then have nothing to do.
 */
export function nextTimerAt(rules: readonly Rule[], open: readonly GroupState[], now: Date): Date | undefined {
  const byId = new Map(rules.map((r) => [r.id, r]));
  let next: number | undefined;
  for (const state of open) {
    const rule = byId.get(state.ruleId);
    const times = rule
      ? [state.nextFlushAt.getTime(), ...openSignals(state, rule, now).map((s) => s.lastSeenAt.getTime() + parseDuration(rule.resolve_timeout))]
      : [now.getTime()];
    for (const t of times) next = Math.min(next ?? Infinity, Math.max(t, now.getTime()));
  }
  return next === undefined ? undefined : new Date(next);
}
