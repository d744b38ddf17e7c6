import { BadRequestException, Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DOLLAR_KEY_MESSAGE, mentionInputSchema } from '../core/mention/mention-input.js';
import { Roles } from '../platform/auth/roles.decorator.js';
import { AppConfig } from '../platform/config/app-config.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { BucketsService } from './buckets.service.js';
import { IngestService } from './ingest.service.js';
import { MentionsService } from './mentions.service.js';
import { ApiRoute } from '../platform/http/api-route.js';
import { Audited } from '../platform/auth/audited.decorator.js';

const listQuery = z
  .object({
    brand: z.string().optional(),
    platform: z.string().optional(),
    polarity: z.enum(['negative', 'neutral', 'positive']).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    sort: z.enum(['recent', 'engagement']).default('recent'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

/** What a push accepts (for the API document; items are validated one by one by ingest): a mention, an array, or `{ mentions: [...] }`. */
const pushBodySchema = z.union([z.array(mentionInputSchema), z.object({ mentions: z.array(mentionInputSchema) }).strict(), mentionInputSchema]);

const seriesQuery = z
  .object({ brand: z.string().min(1), platform: z.string().optional(), from: z.coerce.date(), to: z.coerce.date() })
  .strict()
  .refine((q) => q.to > q.from, { message: '"to" must be after "from"', path: ['to'] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= 400 * 86_400_000, { message: 'at most 400 days at a time', path: ['to'] });

@ApiTags('mentions')
@Controller('api/v1')
export class MentionsController {
  constructor(
    private readonly ingest: IngestService,
    private readonly mentions: MentionsService,
    private readonly buckets: BucketsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Push one mention or a batch (an array, or `{ "mentions": [...] }`). Idempotent on (platform, externalId).
   * Items are validated one by one by the ingest path's own check (the one import, scrapers and replay
   * use): valid ones are stored, invalid ones come back in `rejected` with the field and the reason.
   */
  @ApiRoute('Push one mention or a batch of up to api.maxBatch; idempotent on (platform, externalId)', { body: pushBodySchema })
  @Post('mentions')
  @Roles('responder')
  @HttpCode(200)
  async push(@Body() body: unknown) {
    const items = batchItems(body);
    if (!items.length) throw new BadRequestException('the batch is empty: send one mention object or an array of them');
    if (items.length > this.config.api.maxBatch) throw new BadRequestException(`a batch holds at most ${this.config.api.maxBatch} mentions (got ${items.length}): split it`);
    const r = await this.ingest.ingest(items);
    if (r.rejected.length === items.length) throw new BadRequestException({ statusCode: 400, message: r.rejected.map((x) => `[${x.index}] ${x.error}`).join('; '), rejected: r.rejected });
    return { imported: r.imported, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, ids: r.mentions.map((m) => m.id) };
  }

  @ApiRoute('List stored mentions of a brand, newest or most engaging first')
  @Get('mentions')
  @Audited('read-mentions')
  list(@Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>) {
    return this.mentions.find(q);
  }

  /** 5-minute bucket counters of a brand (zero-filled). */
  @ApiRoute('5-minute counters of a brand (zero-filled) over a range')
  @Get('buckets')
  series(@Query(new ZodPipe(seriesQuery)) q: z.infer<typeof seriesQuery>) {
    return this.buckets.series(q);
  }
}

/** The items of a push body: an array, `{ "mentions": [...] }` (nothing else beside it), or one mention. */
function batchItems(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object' && Array.isArray((body as { mentions?: unknown }).mentions)) {
    const others = Object.keys(body).filter((k) => k !== 'mentions');
    if (others.length) throw new BadRequestException({ statusCode: 400, message: others.map((k) => `${k}: ${k.startsWith('$') ? DOLLAR_KEY_MESSAGE : 'unknown field'}`).join('; ') });
    return (body as { mentions: unknown[] }).mentions;
  }
  return [body];
}
