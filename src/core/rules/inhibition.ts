/** Muting: inhibition (a P1 for a brand silences its P3s/P4s) and quiet hours (P1 still gets through). */
import type { Severity } from './alert.js';
import type { GroupLabels } from './group-key.js';
import { inDailyWindow } from './local-time.js';
import type { InhibitRule, QuietHours } from './rule.js';

/** An open group as inhibition sees it. */
export interface ActiveGroup {
  groupKey: string;
  severity: Severity;
  labels: GroupLabels;
}

/** The open group that inhibits `target`, if any: a source severity, a target severity, and equal labels. */
export function inhibitorOf(target: ActiveGroup, active: readonly ActiveGroup[], rules: readonly InhibitRule[]): ActiveGroup | undefined {
  for (const rule of rules) {
    if (!rule.target_severities.includes(target.severity)) continue;
    const source = active.find(
      (g) => g.groupKey !== target.groupKey && rule.source_severities.includes(g.severity) && rule.equal.every((l) => g.labels[l] === target.labels[l]),
    );
    if (source) return source;
  }
  return undefined;
}

/** The quiet-hours window holding back an alert of this severity and these teams at `at`, if any. */
export function quietHoursAt(at: Date, severity: Severity, teams: readonly string[], windows: readonly QuietHours[]): QuietHours | undefined {
  return windows.find(
    (w) => !w.except.includes(severity) && (!w.teams || w.teams.some((t) => teams.includes(t))) && inDailyWindow(at, w),
  );
}
