import { Body, Controller, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { CurrentUser, Roles, type CurrentUserInfo } from '../platform/auth/roles.decorator.js';
import { Clock } from '../platform/clock.js';
import { ApiRoute } from '../platform/http/api-route.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { incidentView } from './incident.view.js';
import { OfficialResponsesService } from './official-responses.service.js';

const undoBody = z.object({ reason: z.string().max(2000).optional() }).strict().default({});

/** Undoing a first public response matched from an official account's post (a wrong match). */
@Controller('api/v1/incidents')
export class OfficialResponsesController {
  constructor(
    private readonly responses: OfficialResponsesService,
    private readonly clock: Clock,
  ) {}

  @ApiRoute("Undo a first public response matched from the brand's official account (a wrong match): the response clock runs again", { body: undoBody })
  @Post(':id/response/undo')
  @Roles('responder')
  async undo(@Param('id') id: string, @Body(new ZodPipe(undoBody)) b: z.infer<typeof undoBody>, @CurrentUser() user: CurrentUserInfo) {
    return incidentView(await this.responses.undo(id, user, b.reason), this.clock.now(), user.role);
  }
}
