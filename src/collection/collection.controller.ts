import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../platform/auth/roles.decorator.js';
import { Clock } from '../platform/clock.js';
import { ApiRoute } from '../platform/http/api-route.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { CollectionHealthService } from './collection-health.service.js';

const gapsQuery = z.strictObject({
  brand: z.string().min(1, 'a brand id, e.g. acme'),
  since: z.coerce.date({ error: 'an ISO 8601 time, e.g. 2026-11-20T08:00:00Z' }).optional(),
});

@ApiTags('sources')
@Controller('api/v1/collection')
export class CollectionController {
  constructor(
    private readonly collection: CollectionHealthService,
    private readonly clock: Clock,
  ) {}

  /** Each source's and each brand × platform's collection health: what is usually collected, what was lately, and whether it is blind. */
  @ApiRoute('Collection health per source and per brand × platform: expected and last yield, last good run, open gap and why')
  @Get('health')
  @Roles('viewer')
  async health() {
    const now = this.clock.now();
    return { sources: await this.collection.overview(now), brandPlatforms: await this.collection.brandPlatforms(now) };
  }

  /** A brand's collection gaps (periods its charts are incomplete), the last 30 days unless `since` says otherwise. */
  @ApiRoute('Collection gaps of a brand (periods with incomplete data)')
  @Get('gaps')
  @Roles('viewer')
  async gaps(@Query(new ZodPipe(gapsQuery)) q: z.infer<typeof gapsQuery>) {
    const now = this.clock.now();
    return { gaps: await this.collection.gapsOf(q.brand, q.since ?? new Date(now.getTime() - 30 * 86_400_000), now) };
  }
}
