import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Roles } from '../platform/auth/roles.decorator.js';
import { ApiRoute } from '../platform/http/api-route.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { OUTBOX_STATES } from './outbox.js';
import { OutboxService } from './outbox.service.js';

const outboxQuery = z.strictObject({ state: z.enum(OUTBOX_STATES).optional(), alertId: z.string().optional(), incidentId: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

@Controller('api/v1')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  /** Outbox rows (addresses and message bodies, so admins only); `?state=dead` lists dead letters. */
  @ApiRoute('Notifications in the outbox with their delivery state')
  @Get('outbox')
  @Roles('admin')
  async listOutbox(@Query(new ZodPipe(outboxQuery)) q: z.infer<typeof outboxQuery>) {
    const rows = await this.outbox.list(q);
    return rows.map(({ html: _html, attachments: _attachments, ...row }) => row);
  }

  /** Queues a dead-lettered notification again, e.g. after a webhook URL was fixed. */
  @ApiRoute('Retry a failed notification now')
  @Post('outbox/:id/retry')
  @Roles('admin')
  @HttpCode(200)
  async retry(@Param('id') id: string) {
    if (!(await this.outbox.retryDead(id))) throw new NotFoundException(`no dead outbox row with id "${id}"`);
    return { requeued: id };
  }
}
