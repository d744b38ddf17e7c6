import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { reportCsv } from '../core/cases/case-report-rows.js';
import { REPORT_DIMENSIONS } from '../core/cases/case-report.js';
import { ApiRoute } from '../platform/http/api-route.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { CaseReportsService } from './case-reports.service.js';

const day = z.string().regex(/^\d{4}-\d\d-\d\d$/, 'a UTC day as YYYY-MM-DD, e.g. 2026-11-20');
const reportQuery = z.object({ from: day, to: day, by: z.enum(REPORT_DIMENSIONS).default('all') }).strict();
type ReportQuery = z.infer<typeof reportQuery>;

/** Case reports for support leads and executives (any signed-in role: they only read). */
@Controller('api/v1/case-reports')
export class CaseReportsController {
  constructor(private readonly reports: CaseReportsService) {}

  @Get()
  @ApiRoute('Case report over UTC days: time to first reply and to resolution (median, p90), share resolved within 24 h, backlog by age; by brand, platform, team or owner')
  report(@Query(new ZodPipe(reportQuery)) q: ReportQuery) {
    return this.reports.report(q.from, q.to, q.by);
  }

  @Get('csv')
  @ApiRoute('The case report as CSV')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async csv(@Query(new ZodPipe(reportQuery)) q: ReportQuery, @Res({ passthrough: true }) res: Response) {
    const r = await this.reports.report(q.from, q.to, q.by);
    res.setHeader('Content-Disposition', `attachment; filename="cases-${q.by}-${q.from}-${q.to}.csv"`);
    return reportCsv(r.rows);
  }
}
