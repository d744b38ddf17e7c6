import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { mergeSummaries, summarize, type Closing, type ReportSummary } from '../core/cases/case-report.js';
import { CountLedger, type CountDoc } from '../platform/database/count-ledger.js';
import { insertKeepingFirst } from '../platform/database/duplicate-keys.js';

// In a month's collection, the mark of a day that has closings (a folded day's summary is `_id: YYYYMMDD`).
const MARK = 'closed:';

/**
 * What case reports read, each bounded by the period or by the open cases, never by case history:
 * - `case_closings_YYYYMMDDHH`: `{_id: caseId, c: closing as JSON}`, inserted when a case is resolved in that
 *   UTC hour (deleted when it is reopened); kept per hour so the current day costs its folded hours and the
 *   current hour's closings, not the whole day's (~2,500 at 1,000,000 cases a year);
 * - `case_report_hours_YYYYMMDD`: `{_id: HH, s: summary as JSON}`, a finished hour's closings folded once;
 * - `case_report_YYYYMM`: `{_id: YYYYMMDD, s: summary as JSON}`, a finished day folded once from its hours,
 *   so a report over a month reads ~30 small documents (JSON strings: the embedded database's cost is per field),
 *   and `{_id: "closed:YYYYMMDD"}`, inserted before a closing of that day: a day without it has none, so folding
 *   it reads nothing (the first report on a new database read ~26 missing collections for each of 30 days: 23 s);
 * - `case_backlog_counts`: open cases per opening day and report key, a count ledger
 *   (platform/database/count-ledger.ts) of `"YYYYMMDD\nkey"`: a batch of changes inserts one delta.
 * Every read is `find({})` of a small collection or a lookup by `_id`: no index is needed on MongoDB.
 */
@Injectable()
export class CaseReportsRepository implements OnModuleInit {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private readonly backlogCounts = new CountLedger(() => this.connection.db!.collection<CountDoc>('case_backlog_counts'), 'backlog');

  /** Once, for data stored before: marks the days that have closings, and moves the `$inc` backlog into the ledger. */
  async onModuleInit(): Promise<void> {
    const meta = this.connection.db!.collection<{ _id: string }>('case_report_meta');
    if (await meta.findOne({ _id: 'v2' })) return;
    const names = (await this.connection.db!.listCollections({ name: { $regex: '^case_(closings_|backlog$)' } }, { nameOnly: true }).toArray()).map((c) => c.name);
    const days = [...new Set(names.filter((n) => n.startsWith('case_closings_')).map((n) => n.slice('case_closings_'.length, 'case_closings_'.length + 8)))];
    await Promise.all(days.map((day) => this.markDay(day)));
    if (names.includes('case_backlog')) {
      const counts: Record<string, number> = {};
      for (const d of await this.connection.db!.collection<{ _id: string; k?: Record<string, number> }>('case_backlog').find({}).toArray()) {
        for (const [field, n] of Object.entries(d.k ?? {})) counts[`${d._id}\n${decodeURIComponent(field)}`] = n;
      }
      await this.backlogCounts.start(counts);
      await this.connection.db!.dropCollection('case_backlog').catch(() => false);
    }
    await insertKeepingFirst(meta, [{ _id: 'v2' }]);
  }

  private markDay(day: string): Promise<number[]> {
    return insertKeepingFirst(this.month(day), [{ _id: `${MARK}${day}`, s: '' }]);
  }

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

  /** Files a closing under the hour (`YYYYMMDDHH`) its case was resolved in (its day marked first). */
  async recordClosing(c: Closing, hour: string): Promise<void> {
    await this.markDay(hour.slice(0, 8));
    await insertKeepingFirst(this.closings(hour), [{ _id: c._id, c: JSON.stringify(c) }]);
  }

  /** For the benchmark and bulk seeding: records many closings with one insert per hour. */
  async recordClosings(closings: readonly { closing: Closing; hour: string }[]): Promise<void> {
    const perHour = new Map<string, Closing[]>();
    for (const { closing, hour } of closings) (perHour.get(hour) ?? perHour.set(hour, []).get(hour)!).push(closing);
    await Promise.all([...new Set([...perHour.keys()].map((h) => h.slice(0, 8)))].map((day) => this.markDay(day)));
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
   * current hour's closings; later days, and days never marked as having closings, have none.
   */
  async summariesOf(days: readonly string[], hour: string): Promise<ReportSummary[]> {
    const today = hour.slice(0, 8);
    const months = [...new Set(days.filter((d) => d <= today).map((d) => d.slice(0, 6)))];
    const folded = new Map<string, string>();
    for (const docs of await Promise.all(months.map((m) => this.month(`${m}01`).find({}).toArray()))) for (const d of docs) folded.set(d._id, d.s);
    return Promise.all(
      days.map(async (day) => {
        if (day > today || !folded.has(`${MARK}${day}`)) return {};
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

  /** Moves open-case counts: `changes` are [opening day, key, +1 or -1]; one insert for the batch. */
  async countBacklog(changes: readonly (readonly [string, string, number])[]): Promise<void> {
    const delta: Record<string, number> = {};
    for (const [day, key, by] of changes) delta[`${day}\n${key}`] = (delta[`${day}\n${key}`] ?? 0) + by;
    await this.backlogCounts.add(delta);
  }

  /** Open cases per key and opening day. */
  async backlog(): Promise<Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, number>> = Object.create(null);
    for (const [name, n] of Object.entries(await this.backlogCounts.read())) (out[name.slice(9)] ??= Object.create(null))[name.slice(0, 8)] = n;
    return out;
  }
}
