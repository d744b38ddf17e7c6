import { BrandsService } from '../brands/brands.service.js';
import { homeBrand } from '../core/brands/home-brand.js';
import { BadRequestException, Controller, Get, Header, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { isKnownTimeZone } from '../core/time/zoned.js';
import { CurrentUser, type CurrentUserInfo } from '../platform/auth/roles.decorator.js';
import { Clock } from '../platform/clock.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { dashboardCsv } from './csv.js';
import { DashboardService, type DashboardQuery } from './dashboard.service.js';
import { UserPreferencesRepository } from './user-preferences.repository.js';
import { ApiRoute } from '../platform/http/api-route.js';

const dashboardQuery = z
  .object({
    brand: z.string().min(1).max(100),
    period: z.enum(['24h', '7d', '30d']).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    tz: z.string().max(64).refine(isKnownTimeZone, 'unknown time zone: use an IANA name such as "Asia/Shanghai" or "UTC"').optional(),
  })
  .strict()
  .refine((q) => q.period || (q.from && q.to) || (!q.from && !q.to), { message: 'give "period" (24h, 7d, 30d) or both "from" and "to"' });

/** The executive dashboard's API: all panels in one response, the period's data as CSV, and who is calling. */
@Controller('api/v1')
export class DashboardController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly clock: Clock,
    private readonly brands: BrandsService,
    private readonly prefs: UserPreferencesRepository,
  ) {}

  @ApiRoute('All dashboard panels of a brand over a period')
  @Get('dashboard')
  dashboard(@Query(new ZodPipe(dashboardQuery)) q: DashboardQuery) {
    return this.run(q);
  }

  @ApiRoute('The dashboard period\'s series as CSV')
  @Get('dashboard.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async csv(@Query(new ZodPipe(dashboardQuery)) q: DashboardQuery, @Res({ passthrough: true }) res: Response) {
    const d = await this.run(q);
    res.setHeader('Content-Disposition', `attachment; filename="${d.brand.id}-${d.period.from.toISOString().slice(0, 10)}-${d.period.to.toISOString().slice(0, 10)}.csv"`);
    return dashboardCsv(d);
  }

  /**
   * The caller's name and role (the web app shows or hides actions by it) and the server's clock, which
   * the board's countdowns run on (a replay or a test runs the server on a clock of its own), and the
   * caller's own time zone when they saved one (PUT /api/v1/me/preferences).
   */
  @ApiRoute('The caller\'s name, role, home brand and own time zone, and the server clock')
  @Get('me')
  async me(@CurrentUser() user: CurrentUserInfo) {
    // homeBrand: where dashboards open when no brand is named (the user's own brand, not a competitor).
    return { name: user.name, role: user.role, tokenId: user.tokenId, now: this.clock.now(), homeBrand: homeBrand(await this.brands.list()) ?? null, timezone: (await this.prefs.get(user.name)).timezone ?? null };
  }

  private async run(q: DashboardQuery) {
    try {
      return await this.dashboards.dashboard(q);
    } catch (err) {
      if (err instanceof RangeError) throw new BadRequestException(err.message);
      throw err;
    }
  }
}
