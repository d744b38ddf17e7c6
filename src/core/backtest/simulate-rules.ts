import type { Signal } from '../detection/signal.js';
import type { Alert, AlertDueReason, Severity } from '../rules/alert.js';
import { evaluateRules } from '../rules/evaluate.js';
import type { GroupState } from '../rules/group-state.js';
import type { MatchContext } from '../rules/match.js';
import type { RuleSet } from '../rules/rule.js';
import type { SignalSnapshot } from './signal-timeline.js';

/** A notification the rules would have sent. */
export interface SimulatedAlert {
  at: Date;
  brand: string;
  severity: Severity;
  ruleId: string;
  groupKey: string;
  alertKey: string;
  title: string;
  reason: AlertDueReason;
  signalKinds: string[];
  /** The simulated incident it would have opened or joined (alerts that need a response). */
  incident?: number;
}

/** An incident the alerts would have opened: numbered in order of opening within one simulation. */
export interface SimulatedIncident {
  id: number;
  openedAt: Date;
  brand: string;
  severity: Severity;
  ruleId: string;
  groupKey: string;
  title: string;
  /** Notifications of its alerts, the opening one included. */
  notifications: number;
}

export interface Simulation {
  alerts: SimulatedAlert[];
  incidents: SimulatedIncident[];
  /** Due notifications held back by inhibition or quiet hours. */
  muted: number;
}

/**
 * Runs the signal snapshots of a period through the rules on a simulated clock ticking every `stepMs`
 * (the daemon's alert timer), keeping group state in memory and sending nothing. Incidents: an alert that
 * needs a response opens one unless its group's incident is still open; with nobody to resolve them in a
 * simulation, an incident is taken as resolved when its alert's group closes.
 */
export function simulateRules(ruleSet: RuleSet, snapshots: readonly SignalSnapshot[], from: Date, to: Date, ctx: MatchContext = {}, stepMs = 60_000): Simulation {
  const groups = new Map<string, GroupState>();
  const openIncident = new Map<string, SimulatedIncident>();
  const out: Simulation = { alerts: [], incidents: [], muted: 0 };
  let next = 0;
  for (let t = Math.ceil(from.getTime() / stepMs) * stepMs; t <= to.getTime(); t += stepMs) {
    if (groups.size === 0) {
      // Nothing open: nothing can fall due by time alone, so the clock jumps to the next snapshot.
      if (next >= snapshots.length) break;
      t = Math.max(t, Math.ceil(snapshots[next]!.at.getTime() / stepMs) * stepMs);
      if (t > to.getTime()) break;
    }
    const arriving = new Map<string, Signal>();
    for (; next < snapshots.length && snapshots[next]!.at.getTime() <= t; next++) arriving.set(snapshots[next]!.signal.key, snapshots[next]!.signal);
    const now = new Date(t);
    const evaluation = evaluateRules(ruleSet, [...groups.values()], [...arriving.values()], now, ctx);
    for (const state of evaluation.states) {
      if (state.closedAt) {
        groups.delete(state.alertKey);
        openIncident.delete(state.groupKey);
      } else groups.set(state.alertKey, state);
    }
    out.muted += evaluation.muted.length;
    for (const alert of evaluation.due) out.alerts.push(record(alert, now, openIncident, out.incidents));
  }
  return out;
}

function record(alert: Alert, now: Date, openIncident: Map<string, SimulatedIncident>, incidents: SimulatedIncident[]): SimulatedAlert {
  const simulated: SimulatedAlert = {
    at: now, brand: alert.brand, severity: alert.severity, ruleId: alert.ruleId, groupKey: alert.groupKey, alertKey: alert.key,
    title: alert.title, reason: alert.reason, signalKinds: alert.evidence.kinds,
  };
  if (!alert.needsResponse) return simulated;
  let incident = openIncident.get(alert.groupKey);
  if (!incident) {
    incident = { id: incidents.length + 1, openedAt: now, brand: alert.brand, severity: alert.severity, ruleId: alert.ruleId, groupKey: alert.groupKey, title: alert.title, notifications: 0 };
    incidents.push(incident);
    openIncident.set(alert.groupKey, incident);
  }
  incident.notifications++;
  return { ...simulated, incident: incident.id };
}

/** Notifications per severity, for the report's summary line. */
export function countBySeverity(alerts: readonly { severity: Severity }[]): Record<Severity, number> {
  const out: Record<Severity, number> = { P1: 0, P2: 0, P3: 0, P4: 0 };
  for (const a of alerts) out[a.severity]++;
  return out;
}
