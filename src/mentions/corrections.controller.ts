import { Body, Controller, Delete, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles, type CurrentUserInfo } from '../platform/auth/roles.decorator.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { CorrectionsService } from './corrections.service.js';
import { ApiRoute } from '../platform/http/api-route.js';

const aspect = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'an aspect id such as "delivery" or "food-safety" (lower case, digits and dashes)');
const correctionBody = z
  .object({
    label: z.enum(['positive', 'neutral', 'negative'], { error: '"label" must be "positive", "neutral" or "negative"' }),
    aspect: aspect.optional(),
  })
  .strict();
const undoQuery = z.object({ aspect: aspect.optional() }).strict();

/**
 * Corrections of a mention's sentiment by the people who answer for the brand (responders and admins):
 * the correction is the mention's sentiment from then on, is audited, and teaches the brand's learned layer.
 */
@ApiTags('mentions')
@Controller('api/v1/mentions')
export class CorrectionsController {
  constructor(private readonly corrections: CorrectionsService) {}

  @Post(':id/sentiment')
  @ApiRoute('Correct a mention\'s sentiment (optionally of one aspect): the counters move and the brand\'s learned layer learns', { body: correctionBody })
  @Roles('responder')
  @HttpCode(200)
  correct(@Param('id') id: string, @Body(new ZodPipe(correctionBody)) b: z.infer<typeof correctionBody>, @CurrentUser() user: CurrentUserInfo) {
    return this.corrections.correct(id, b.label, user.name, b.aspect);
  }

  /** Undoes the mention's correction (of one aspect with `?aspect=`): its sentiment is what it was before. */
  @Delete(':id/sentiment')
  @ApiRoute('Undo a mention\'s sentiment correction (of one aspect with ?aspect=)')
  @Roles('responder')
  undo(@Param('id') id: string, @Query(new ZodPipe(undoQuery)) q: z.infer<typeof undoQuery>, @CurrentUser() user: CurrentUserInfo) {
    return this.corrections.undo(id, user.name, q.aspect);
  }
}
