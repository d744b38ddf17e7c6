import { Body, Controller, Put } from '@nestjs/common';
import { z } from 'zod';
import { isKnownTimeZone } from '../core/time/zoned.js';
import { CurrentUser, type CurrentUserInfo } from '../platform/auth/roles.decorator.js';
import { Clock } from '../platform/clock.js';
import { ApiRoute } from '../platform/http/api-route.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { UserPreferencesRepository } from './user-preferences.repository.js';

const preferencesSchema = z
  .object({
    timezone: z
      .string()
      .max(64)
      .refine(isKnownTimeZone, 'unknown time zone: use an IANA name such as "Asia/Shanghai" or "UTC"')
      .nullable()
      .describe('the zone the board and dashboard show your times in; null goes back to the brand\'s (board) and the browser\'s (dashboard)'),
  })
  .strict();

/** The caller's own settings: any signed-in user (viewer and up) sets their own, never someone else's. */
@Controller('api/v1/me')
export class UserPreferencesController {
  constructor(
    private readonly prefs: UserPreferencesRepository,
    private readonly clock: Clock,
  ) {}

  @ApiRoute('Save your own preferences (the time zone the board and dashboard show times in)', { body: preferencesSchema })
  @Put('preferences')
  async save(@CurrentUser() user: CurrentUserInfo, @Body(new ZodPipe(preferencesSchema)) body: z.infer<typeof preferencesSchema>) {
    return this.prefs.save(user.name, body.timezone ? { timezone: body.timezone } : {}, this.clock.now());
  }
}
