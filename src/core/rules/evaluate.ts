/** One evaluation pass over all rules: route signals to groups, apply inhibition and quiet hours, step each group. */
import type { Signal } from '../detection/signal.js';
import type { Alert } from './alert.js';
import { groupKeyOf, groupLabels } from './group-key.js';
import type { GroupState } from './group-state.js';
import { openSignals, stepGroup } from './grouping.js';
import { inhibitorOf, quietHoursAt, type ActiveGroup } from './inhibition.js';
import { rulesForSignal, type MatchContext } from './match.js';
import type { Rule, RuleSet } from './rule.js';

export interface Evaluation {
  /** Alerts due now (new, updated or repeated), in rule order. */
  due: Alert[];
  /** Group states that changed (including closed ones) — to be stored. */
  states: GroupState[];
  /** Why a due group stayed silent: inhibited by another group, or quiet hours. */
  muted: { groupKey: string; reason: string }[];
}

interface Pending {
  rule: Rule;
  state: GroupState | undefined;
  signals: Signal[];
}

/** Routes signals to the groups they belong to: their existing groups first, matching rules for new ones. */
function collect(ruleSet: RuleSet, open: readonly GroupState[], signals: readonly Signal[], now: Date, ctx: MatchContext): Map<string, Pending> {
  const rules = new Map(ruleSet.rules.map((r) => [r.id, r]));
  const pending = new Map<string, Pending>();
  for (const state of open) {
    const rule = rules.get(state.ruleId);
    if (rule) pending.set(state.groupKey, { rule, state, signals: [] });
  }
  const memberOf = new Map<string, string[]>();
  for (const state of open) for (const s of state.signals) memberOf.set(s.key, [...(memberOf.get(s.key) ?? []), state.groupKey]);

  for (const signal of signals) {
    const known = (memberOf.get(signal.key) ?? []).filter((k) => pending.has(k));
    if (known.length > 0) {
      for (const k of known) pending.get(k)!.signals.push(signal);
      continue;
    }
    if (signal.status !== 'open') continue;
    for (const rule of rulesForSignal(ruleSet.rules, signal, now, ctx)) {
      const key = groupKeyOf(rule.id, groupLabels(rule, signal));
      const entry = pending.get(key) ?? { rule, state: undefined, signals: [] };
      entry.signals.push(signal);
      pending.set(key, entry);
    }
  }
  return pending;
}

/** The group as inhibition sees it after this pass's signals are merged; undefined when nothing keeps it open. */
function activeGroup(p: Pending, key: string, now: Date): ActiveGroup | undefined {
  const closing = new Set(p.signals.filter((s) => s.status !== 'open').map((s) => s.key));
  const stillOpen = p.state ? openSignals(p.state, p.rule, now).some((s) => !closing.has(s.key)) : false;
  const arriving = p.signals.find((s) => s.status === 'open');
  if (!stillOpen && !arriving) return undefined;
  const labels = p.state?.labels ?? groupLabels(p.rule, arriving!);
  return { groupKey: key, severity: p.rule.severity, labels };
}

/**
 * Evaluates every open group and every incoming signal at `now`. Open groups whose rule was removed
 * are closed. Pure: the caller stores `states` and notifies `due`.
 */
export function evaluateRules(ruleSet: RuleSet, open: readonly GroupState[], signals: readonly Signal[], now: Date, ctx: MatchContext = {}): Evaluation {
  const pending = collect(ruleSet, open, signals, now, ctx);
  const orphaned = open.filter((s) => !pending.has(s.groupKey)).map((s) => ({ ...s, closedAt: now }));
  const active = [...pending].flatMap(([key, p]) => activeGroup(p, key, now) ?? []);

  const result: Evaluation = { due: [], states: [...orphaned], muted: [] };
  for (const [groupKey, p] of pending) {
    const self = active.find((g) => g.groupKey === groupKey);
    const inhibitor = self && inhibitorOf(self, active, ruleSet.inhibitRules);
    const quiet = quietHoursAt(now, p.rule.severity, p.rule.teams, ruleSet.quietHours);
    const muteReason = inhibitor ? `inhibited by ${inhibitor.groupKey}` : quiet ? `quiet hours ${quiet.name}` : undefined;
    const { notify, nextState } = stepGroup({ rule: p.rule, state: p.state, signals: p.signals, now, muted: muteReason !== undefined });
    if (nextState) result.states.push(nextState);
    if (notify) result.due.push(notify);
    else if (muteReason && nextState && !nextState.closedAt && now >= nextState.nextFlushAt) result.muted.push({ groupKey, reason: muteReason });
  }
  return result;
}
