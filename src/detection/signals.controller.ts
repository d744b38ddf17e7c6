import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../platform/auth/roles.decorator.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { DetectionService } from './detection.service.js';
import { ApiRoute } from '../platform/http/api-route.js';

const listQuery = z
  .object({
    brand: z.string().min(1).optional(),
    kind: z.enum(['volume_surge', 'negative_surge', 'viral_post', 'crisis_burst', 'collection_gap', 'story_growth']).optional(),
    status: z.enum(['open', 'closed']).optional(),
    since: z.coerce.date({ error: 'an ISO 8601 time, e.g. 2026-11-20T08:00:00Z' }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

@ApiTags('signals')
@Controller('api/v1/signals')
export class SignalsController {
  constructor(private readonly detection: DetectionService) {}

  /** Open and recent signals, newest first, without their strength history. */
  @ApiRoute('Open and recent signals, newest first')
  @Get()
  @Roles('viewer')
  async list(@Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>) {
    return (await this.detection.listSignals(q)).map(({ history: _h, ...s }) => s);
  }

  /** One signal with its strength over time. */
  @ApiRoute('One signal with its strength over time')
  @Get(':key')
  @Roles('viewer')
  async get(@Param('key') key: string) {
    const signal = await this.detection.getSignal(key);
    if (!signal) throw new NotFoundException(`no signal with key "${key}" (list them with GET /api/v1/signals)`);
    return signal;
  }
}
