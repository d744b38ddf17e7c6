import { BadRequestException, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Case } from '../core/cases/case.js';
import { reportRows, type ReportRow } from '../core/cases/case-report-rows.js';
import { closingOf, dayOf, hourOf, mergeSummaries, reportKeys, type ReportDimension } from '../core/cases/case-report.js';
import { Clock } from '../platform/clock.js';
import { CaseReportsRepository } from './case-reports.repository.js';
import { CaseRulesService } from './case-rules.service.js';
import { CaseWriter, type CaseChange } from './case-writer.service.js';

const DAY = 86_400_000;
/** The longest period one report reads (one summary a day). */
export const MAX_REPORT_DAYS = 366;

export interface CaseReport {
  from: string;
  to: string;
  by: ReportDimension;
  rows: ReportRow[];
}

/** Open cases of a case, per opening day and report key (none when it is resolved). */
const backlogOf = (c: Case | null) => (c && c.state !== 'resolved' ? reportKeys(c).map((k) => `${dayOf(c.openedAt)}\n${k}`) : []);

/**
 * Case reports: records each closing and the backlog as cases change (a listener of the case writer),
 * and reads a period's daily summaries with the backlog as it is now.
 */
@Injectable()
export class CaseReportsService implements OnModuleInit {
  constructor(
    private readonly writer: CaseWriter,
    private readonly reports: CaseReportsRepository,
    private readonly rules: CaseRulesService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.writer.onChange((changes) => this.record(changes));
  }

  /** Moves the backlog counts of a write's changes (one update for all of them) and files each case resolved or reopened. */
  async record(changes: readonly CaseChange[]): Promise<void> {
    const moves = changes.flatMap(({ before, after }) => {
      const was = backlogOf(before);
      const now = backlogOf(after);
      return [...now.filter((k) => !was.includes(k)).map((k) => [k, 1] as const), ...was.filter((k) => !now.includes(k)).map((k) => [k, -1] as const)];
    });
    if (moves.length) await this.reports.countBacklog(moves.map(([k, by]) => [k.split('\n')[0]!, k.slice(9), by] as const));
    for (const { before, after } of changes) {
      if (after.state === 'resolved' && before?.state !== 'resolved') {
        const closing = closingOf(after, this.rules.terms(after.clock.policyId, after.team));
        if (closing) await this.reports.recordClosing(closing, hourOf(after.resolvedAt!));
      } else if (before?.state === 'resolved' && after.state !== 'resolved' && before.resolvedAt) {
        await this.reports.forgetClosing(before._id, hourOf(before.resolvedAt));
      }
    }
  }

  /** The report of the UTC days `from`..`to` (YYYY-MM-DD, both included) by one dimension. */
  async report(from: string, to: string, by: ReportDimension): Promise<CaseReport> {
    return this.build(from, to, by);
  }

  /** One brand's row of the report by brand (the dashboard's panel): the other brands' rows are not built. */
  async brandRow(from: string, to: string, brand: string): Promise<ReportRow | undefined> {
    return (await this.build(from, to, 'brand', `brand=${brand}`)).rows[0];
  }

  private async build(from: string, to: string, by: ReportDimension, only?: string): Promise<CaseReport> {
    const start = Date.parse(`${from}T00:00:00Z`);
    const end = Date.parse(`${to}T00:00:00Z`);
    if (!(end >= start)) throw new BadRequestException(`"to" (${to}) must not be before "from" (${from})`);
    const days = (end - start) / DAY + 1;
    if (days > MAX_REPORT_DAYS) throw new BadRequestException(`a report covers at most ${MAX_REPORT_DAYS} days; ${from}..${to} is ${days}: shorten the period`);
    const now = this.clock.now();
    const [summaries, backlog] = await Promise.all([this.reports.summariesOf(Array.from({ length: days }, (_, i) => dayOf(new Date(start + i * DAY))), hourOf(now)), this.reports.backlog()]);
    const summary = mergeSummaries(summaries);
    const keep = <T>(all: Record<string, T>): Record<string, T> => (only === undefined ? all : only in all ? { [only]: all[only]! } : {});
    return { from, to, by, rows: reportRows(by, keep(summary), keep(backlog), now) };
  }
}
