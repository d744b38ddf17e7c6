import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { mergeSummaries, summarize, type Closing, type ReportSummary } from '../core/cases/case-report.js';
import { insertKeepingFirst } from '../platform/database/duplicate-keys.js';

// Field names may not hold "." or start with "$"; keys hold brand, team and owner names.
const fieldOf = (key: string) => encodeURIComponent(key).replace(/\./g, '%2E');
const keyOf = (field: string) => decodeURIComponent(field);

/**
 * What case reports read, each bounded by the period or by the open cases, never by case history:
 * - `case_closings_YYYYMMDDHH`: `{_id: caseId, c: closing as JSON}`, inserted when a case is resolved in that
 *   UTC hour (deleted when it is reopened); kept per hour so the current day costs its folded hours and the
 *   current hour's closings, not the whole day's (~2,500 at 1,000,000 cases a year);
 * - `case_report_hours_YYYYMMDD`: `{_id: HH, s: summary as JSON}`, a finished hour's closings folded once;
 * - `case_report_YYYYMM`: `{_id: YYYYMMDD, s: summary as JSON}`, a finished day folded once from its hours,
 *   so a report over a month reads ~30 small documents (JSON strings: the embedded database's cost is per field);
 * - `case_backlog`: `{_id: YYYYMMDD, k: {key: n}}`, open cases per opening day and report key, one `$inc`
 *   by `_id` per change; a day leaves once all its cases are resolved.
 * Every read is `find({})` of a small collection or a lookup by `_id`: no index is needed on MongoDB.
 */
@Injectable()
export class CaseReportsRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  /** An hour's closings (`YYYYMMDDHH`); a day's (`YYYYMMDD`) were kept whole before closings were kept per hour. */
  private closings(period: string) {
    return this.connection.db!.collection<{ _id: string; c: string }>(`case_closings_${period}`);
  }
  private hours(day: string) {
    return this.connection.db!.collection<{ _id: string; s: string }>(`case_report_hours_${day}`);
  }
  private month(day: string) {
    return this.connection.db!.collection<{ _id: string; s: string }>(`case_report_${day.slice(0, 6)}`);
  }
  private backlogs() {
    return this.connection.db!.collection<{ _id: string; k: Record<string, number> }>('case_backlog');
  }

  /** Files a closing under the hour (`YYYYMMDDHH`) its case was resolved in. */
  async recordClosing(c: Closing, hour: string): Promise<void> {
    await insertKeepingFirst(this.closings(hour), [{ _id: c._id, c: JSON.stringify(c) }]);
  }

  /** For the benchmark and bulk seeding: records many closings with one insert per hour. */
  async recordClosings(closings: readonly { closing: Closing; hour: string }[]): Promise<void> {
    const perHour = new Map<string, Closing[]>();
    for (const { closing, hour } of closings) (perHour.get(hour) ?? perHour.set(hour, []).get(hour)!).push(closing);
    await Promise.all([...perHour].map(([hour, cs]) => insertKeepingFirst(this.closings(hour), cs.map((c) => ({ _id: c._id, c: JSON.stringify(c) })), 2000)));
  }

  /** A reopened case's closing leaves its hour, and that hour's and day's summaries are folded again when next read. */
  async forgetClosing(caseId: string, hour: string): Promise<void> {
    const day = hour.slice(0, 8);
    await Promise.all([this.closings(hour).deleteOne({ _id: caseId }), this.hours(day).deleteOne({ _id: hour.slice(8) }), this.month(day).deleteOne({ _id: day })]);
  }

  /**
   * The summaries of days (YYYYMMDD) as of `hour` (YYYYMMDDHH, now): each month's folded days in one read; a
   * finished day not folded yet is folded once from its hours; the current day is its folded hours with the
   * current hour's closings; later days have none yet (a case is resolved at the clock's now).
   */
  async summariesOf(days: readonly string[], hour: string): Promise<ReportSummary[]> {
    const today = hour.slice(0, 8);
    const months = [...new Set(days.filter((d) => d < today).map((d) => d.slice(0, 6)))];
    const folded = new Map<string, string>();
    for (const docs of await Promise.all(months.map((m) => this.month(`${m}01`).find({}).toArray()))) for (const d of docs) folded.set(d._id, d.s);
    return Promise.all(
      days.map(async (day) => {
        if (day > today) return {};
        if (day === today) return this.dayAsOf(day, hour);
        const s = folded.get(day);
        if (s) return JSON.parse(s) as ReportSummary;
        // Its hours are not stored one by one: the day's summary stands for them (the legacy daily closings count too).
        const summary = mergeSummaries([await this.dayAsOf(day, `${day}24`, false), await this.closingsOf(day)]);
        await insertKeepingFirst(this.month(day), [{ _id: day, s: JSON.stringify(summary) }]);
        return summary;
      }),
    );
  }

  /** A day's hours up to `hour`: those folded already, the others read (and, before `hour`, folded when `keep`). */
  private async dayAsOf(day: string, hour: string, keep = true): Promise<ReportSummary> {
    const folded = new Map((await this.hours(day).find({}).toArray()).map((d) => [d._id, JSON.parse(d.s) as ReportSummary]));
    const out: ReportSummary[] = [];
    for (let h = 0; h < 24 && `${day}${String(h).padStart(2, '0')}` <= hour; h++) {
      const hh = String(h).padStart(2, '0');
      const done = folded.get(hh);
      if (done) {
        out.push(done);
        continue;
      }
      const summary = await this.closingsOf(`${day}${hh}`);
      if (keep && `${day}${hh}` < hour) await insertKeepingFirst(this.hours(day), [{ _id: hh, s: JSON.stringify(summary) }]);
      out.push(summary);
    }
    return mergeSummaries(out);
  }

  private async closingsOf(period: string): Promise<ReportSummary> {
    return summarize((await this.closings(period).find({}).toArray()).map((d) => JSON.parse(d.c) as Closing));
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
