import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../platform/auth/roles.decorator.js';
import { Clock } from '../platform/clock.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { StoriesService } from './stories.service.js';
import { ApiRoute } from '../platform/http/api-route.js';

const DAY = 86_400_000;
const listQuery = z
  .object({
    brand: z.string().min(1).optional(),
    from: z.coerce.date({ error: 'an ISO 8601 time, e.g. 2026-11-20T08:00:00Z' }).optional(),
    to: z.coerce.date({ error: 'an ISO 8601 time, e.g. 2026-11-20T20:00:00Z' }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();

@ApiTags('stories')
@Controller('api/v1/stories')
export class StoriesController {
  constructor(
    private readonly stories: StoriesService,
    private readonly clock: Clock,
  ) {}

  /** Stories with mentions in a range (default: the last 24 hours), largest first. */
  @Get()
  @ApiRoute('List the stories with mentions in a range (default: the last 24 hours), largest first')
  @Roles('viewer')
  async list(@Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>) {
    const to = q.to ?? this.clock.now();
    const from = q.from ?? new Date(to.getTime() - DAY);
    return this.stories.list({ brand: q.brand, from, to, limit: q.limit });
  }

  /** One story: first post, most engaged post, platforms and when it reached each, hourly counts. */
  @Get(':id')
  @ApiRoute('One story: first post, most engaged post, platforms and when it reached each, hourly counts')
  @Roles('viewer')
  async get(@Param('id') id: string) {
    const story = await this.stories.get(id);
    if (!story) throw new NotFoundException(`no story with id "${id}" (list them with GET /api/v1/stories)`);
    const { reps: _r, ...rest } = story;
    return rest;
  }
}
