import { utcDay } from '../mention/mention-state.js';

export interface RetentionPolicy {
  mentionDays: number;
  engagementDays: number;
  evidenceDays: number;
  outboxSentDays: number;
  labelDays: number;
  auditDays: number;
}

/** What a purge pass removes: everything strictly before each of these. */
export interface RetentionCutoffs {
  /** Mention day partitions (`YYYYMMDD`) before this day are due. */
  mentionDay: string;
  /** Journal hours starting before this instant are due. */
  journalBefore: number;
  evidenceBefore: Date;
  outboxSentBefore: Date;
  labelsBefore: Date;
  /** Audit months (`YYYYMM`) entirely before this month are due. */
  auditMonth: string;
}

const DAY_MS = 86_400_000;

/**
 * The cutoffs at `now`. A day partition goes once its whole day is older than the retention (so a
 * mention is kept at least its retention, at most one day longer); an audit month once its last day is.
 */
export function retentionCutoffs(now: Date, p: RetentionPolicy): RetentionCutoffs {
  const t = now.getTime();
  const auditEdge = new Date(t - p.auditDays * DAY_MS);
  return {
    mentionDay: utcDay(t - p.mentionDays * DAY_MS),
    journalBefore: t - p.engagementDays * DAY_MS - 3_600_000,
    evidenceBefore: new Date(t - p.evidenceDays * DAY_MS),
    outboxSentBefore: new Date(t - p.outboxSentDays * DAY_MS),
    labelsBefore: new Date(t - p.labelDays * DAY_MS),
    auditMonth: `${auditEdge.getUTCFullYear()}${String(auditEdge.getUTCMonth() + 1).padStart(2, '0')}`,
  };
}

/** The partition days (`YYYYMMDD`) that are due, oldest first. */
export function dueDays(days: readonly string[], cutoffDay: string): string[] {
  return days.filter((d) => d < cutoffDay).sort();
}
