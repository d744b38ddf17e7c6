import { Controller, Delete, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentUser, Roles, type CurrentUserInfo } from '../platform/auth/roles.decorator.js';
import { Clock } from '../platform/clock.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { PrivacyRepository } from './privacy.repository.js';
import { PrivacyService } from './privacy.service.js';
import { subjectOf, subjectQuery } from './subject-query.js';
import { ApiRoute } from '../platform/http/api-route.js';

const auditQuery = z.strictObject({ from: z.coerce.date().optional(), to: z.coerce.date().optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) });
const DAY_MS = 86_400_000;

const who = (u: CurrentUserInfo) => `${u.name} (${u.tokenId})`;

/** Access and erasure requests, erasure records and the audit log: admins only. */
@Controller('api/v1')
@Roles('admin')
export class PrivacyController {
  constructor(
    private readonly privacy: PrivacyService,
    private readonly repo: PrivacyRepository,
    private readonly clock: Clock,
  ) {}

  /** Everything held about a person, as one JSON document. */
  @Get('privacy/subjects')
  @ApiRoute('Export everything held about a person (by platform and author, mention id or URL) as one JSON document')
  export(@Query(new ZodPipe(subjectQuery)) q: z.infer<typeof subjectQuery>, @CurrentUser() user: CurrentUserInfo) {
    return this.privacy.export(subjectOf(q), who(user));
  }

  /** Erases every copy of a person's data; answers with the erasure record (kinds and counts). */
  @Delete('privacy/subjects')
  @ApiRoute('Erase every copy of a person\'s data; answers with the erasure record (kinds and counts)')
  erase(@Query(new ZodPipe(subjectQuery)) q: z.infer<typeof subjectQuery>, @CurrentUser() user: CurrentUserInfo) {
    return this.privacy.erase(subjectOf(q), who(user));
  }

  @Get('privacy/erasures')
  @ApiRoute('Erasure records, newest first (kinds and counts, never the erased data)')
  erasures() {
    return this.privacy.erasures(200);
  }

  /** Who exported, erased or read personal data, newest first (default: the last 30 days). */
  @Get('audit')
  @ApiRoute('The audit log: who exported, erased or read personal data (default: the last 30 days)')
  async audit(@Query(new ZodPipe(auditQuery)) q: z.infer<typeof auditQuery>, @CurrentUser() user: CurrentUserInfo) {
    const to = q.to ?? new Date(this.clock.now().getTime() + 1);
    const events = await this.repo.auditEvents(q.from ?? new Date(to.getTime() - 30 * DAY_MS), to, q.limit);
    await this.repo.audit({ at: this.clock.now(), action: 'read-audit', by: who(user), role: user.role });
    return events;
  }
}
