import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { summarize, type Closing, type ReportSummary } from '../core/cases/case-report.js';
import { insertKeepingFirst } from '../platform/database/duplicate-keys.js';

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;
// Field names may not hold "." or start with "$"; keys hold brand, team and owner names.
const fieldOf = (key: string) => encodeURIComponent(key).replace(/\./g, '%2E');
const keyOf = (field: string) => decodeURIComponent(field);

/**
 * What case reports read, each bounded by the period or by the open cases, never by case history:
 * - `case_closings_YYYYMMDD`: `{_id: caseId, c: closing as JSON}`, inserted when a case is resolved that day
 *   (deleted when it is reopened);
 * - `case_report_YYYYMM`: `{_id: YYYYMMDD, s: summary as JSON}`, a finished day's closings folded once, so a
 *   report over a month reads ~30 small documents (JSON strings: the embedded database's cost is per field);
 * - `case_backlog`: `{_id: YYYYMMDD, k: {key: n}}`, open cases per opening day and report key, one `$inc`
 *   by `_id` per change; a day leaves once all its cases are resolved.
 * Every read is `find({})` of a small collection or a lookup by `_id`: no index is needed on MongoDB.
 */
@Injectable()
export class CaseReportsRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private closings(day: string) {
    return this.connection.db!.collection<{ _id: string; c: string }>(`case_closings_${day}`);
  }
  private month(day: string) {
    return this.connection.db!.collection<{ _id: string; s: string }>(`case_report_${day.slice(0, 6)}`);
  }
  private backlogs() {
    return this.connection.db!.collection<{ _id: string; k: Record<string, number> }>('case_backlog');
  }

  async recordClosing(c: Closing): Promise<void> {
    try {
      await this.closings(c.day).insertOne({ _id: c._id, c: JSON.stringify(c) });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /** For the benchmark and bulk seeding: records many closings with one insert per day. */
  async recordClosings(closings: readonly Closing[]): Promise<void> {
    const perDay = new Map<string, Closing[]>();
    for (const c of closings) perDay.set(c.day, [...(perDay.get(c.day) ?? []), c]);
    await Promise.all([...perDay].map(([day, cs]) => insertKeepingFirst(this.closings(day), cs.map((c) => ({ _id: c._id, c: JSON.stringify(c) })), 2000)));
  }

  /** A reopened case's closing leaves its day, and the day's summary is folded again when next read. */
  async forgetClosing(caseId: string, day: string): Promise<void> {
    await this.closings(day).deleteOne({ _id: caseId });
    await this.month(day).deleteOne({ _id: day });
  }

  /**
   * The summaries of days (YYYYMMDD): each month's folded days in one read (at most 31 small documents); a
   * finished day not folded yet is folded once from its closings, and `today` and later are summed as read.
   */
  async summariesOf(days: readonly string[], today: string): Promise<ReportSummary[]> {
    const months = [...new Set(days.map((d) => d.slice(0, 6)))];
    const folded = new Map<string, string>();
    for (const docs of await Promise.all(months.map((m) => this.month(`${m}01`).find({}).toArray()))) for (const d of docs) folded.set(d._id, d.s);
    return Promise.all(
      days.map(async (day) => {
        const s = day < today ? folded.get(day) : undefined;
        if (s) return JSON.parse(s) as ReportSummary;
        const summary = summarize((await this.closings(day).find({}).toArray()).map((d) => JSON.parse(d.c) as Closing));
        if (day < today) await insertKeepingFirst(this.month(day), [{ _id: day, s: JSON.stringify(summary) }]);
        return summary;
      }),
    );
  }

  /** Moves open-case counts: `changes` are [opening day, key, +1 or -1]. */
  async countBacklog(changes: readonly (readonly [string, string, number])[]): Promise<void> {
    const perDay = new Map<string, Record<string, number>>();
    for (const [day, key, by] of changes) {
      const inc = perDay.get(day) ?? {};
      inc[`k.${fieldOf(key)}`] = (inc[`k.${fieldOf(key)}`] ?? 0) + by;
      perDay.set(day, inc);
    }
    // One round trip for the batch (a separate update per day cost one each on the embedded server's connection).
    if (perDay.size) await this.backlogs().bulkWrite([...perDay].map(([day, inc]) => ({ updateOne: { filter: { _id: day }, update: { $inc: inc }, upsert: true } })), { ordered: false });
  }

  /** Open cases per key and opening day; days with none left are forgotten. */
  async backlog(): Promise<Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, number>> = Object.create(null);
    for (const d of await this.backlogs().find({}).toArray()) {
      const counts = Object.entries(d.k ?? {});
      // Matches only while the whole day is still at zero, so a day a case just joined stays.
      if (counts.every(([, n]) => n <= 0)) await this.backlogs().deleteOne({ _id: d._id, ...Object.fromEntries(counts.map(([f]) => [`k.${f}`, { $lte: 0 }])) });
      for (const [f, n] of counts) if (n > 0) (out[keyOf(f)] ??= Object.create(null))[d._id] = n;
    }
    return out;
  }
}
