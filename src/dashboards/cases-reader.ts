import { Injectable } from '@nestjs/common';
import { CaseReportsService, MAX_REPORT_DAYS } from '../cases/case-reports.service.js';
import { reportDaysOf } from '../core/cases/case-report.js';

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

/** Reads the case report (cases/case-reports.service.ts) for the dashboard and the digest: the brand's row only. */
@Injectable()
export class CasesReader {
  constructor(private readonly reports: CaseReportsService) {}

  async panel(brand: string, from: Date, to: Date): Promise<CasePanel> {
    const days = reportDaysOf(from, to, MAX_REPORT_DAYS);
    const row = await this.reports.brandRow(days.from, days.to, brand);
    return {
      closed: row?.closed ?? 0,
      resolvedWithin24h: row?.resolvedWithin24h === undefined ? null : Math.round(row.resolvedWithin24h * 1000) / 10,
      firstReplyMedianMinutes: row?.firstReplyMedianMinutes === undefined ? null : Math.round(row.firstReplyMedianMinutes),
      open: row?.open ?? 0,
    };
  }
}
