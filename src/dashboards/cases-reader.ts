import { Injectable } from '@nestjs/common';
import { CaseReportsService, MAX_REPORT_DAYS } from '../cases/case-reports.service.js';

/** The case figures a dashboard and the digest show for one brand. */
export interface CasePanel {
  /** Cases resolved on the UTC days of the period. */
  closed: number;
  /** Share of them resolved within 24 (working) hours, percent; null when none was resolved. */
  resolvedWithin24h: number | null;
  /** Median minutes to the first public reply, over the period's resolved cases. */
  firstReplyMedianMinutes: number | null;
  /** Cases open now. */
  open: number;
}

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Reads the case report (cases/case-reports.service.ts) for the dashboard and the digest: the brand's row. */
@Injectable()
export class CasesReader {
  constructor(private readonly reports: CaseReportsService) {}

  async panel(brand: string, from: Date, to: Date): Promise<CasePanel> {
    const start = Math.max(from.getTime(), to.getTime() - (MAX_REPORT_DAYS - 1) * DAY);
    const report = await this.reports.report(isoDay(start), isoDay(to.getTime()), 'brand');
    const row = report.rows.find((r) => r.value === brand);
    return {
      closed: row?.closed ?? 0,
      resolvedWithin24h: row?.resolvedWithin24h === undefined ? null : Math.round(row.resolvedWithin24h * 1000) / 10,
      firstReplyMedianMinutes: row?.firstReplyMedianMinutes === undefined ? null : Math.round(row.firstReplyMedianMinutes),
      open: row?.open ?? 0,
    };
  }
}
