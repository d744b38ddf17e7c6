import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { checkDraft } from '../core/drafting/draft-check.js';
import { webUrlSchema } from '../core/mention/mention-input.js';
import { CurrentUser, Roles, type CurrentUserInfo } from '../platform/auth/roles.decorator.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { CaseActionsService, type CaseAction } from './case-actions.service.js';
import { ApiRoute } from '../platform/http/api-route.js';

const listQuery = z
  .object({
    brand: z.string().max(200).optional(),
    platform: z.string().max(60).optional(),
    team: z.string().max(100).optional(),
    owner: z.string().max(300).optional(),
    aspect: z.string().max(60).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
const name = z.string().trim().min(1).max(300);
const bodies = {
  empty: z.object({}).strict().default({}),
  assign: z.object({ owner: name, team: z.string().max(100).optional() }).strict(),
  replied: z.object({ url: webUrlSchema }).strict(),
  resolve: z.object({ note: z.string().max(2000).optional() }).strict().default({}),
  reopen: z.object({ reason: z.string().max(2000).optional() }).strict().default({}),
  draft: z.object({ text: z.string().trim().min(1).max(20_000), lang: z.enum(['en', 'zh']).optional() }).strict(),
  bulk: z
    .object({ action: z.enum(['assign', 'resolve']), ids: z.array(z.string().min(1).max(500)).min(1).max(200), owner: name.optional(), note: z.string().max(2000).optional() })
    .strict()
    .refine((b) => b.action !== 'assign' || b.owner, { message: 'give "owner" to bulk assign', path: ['owner'] }),
};
const body = <K extends keyof typeof bodies>(k: K) => new ZodPipe<z.infer<(typeof bodies)[K]>>(bodies[k] as never);

/** The reply queue's API: the queue, one case, and the actions on cases (responders and admins only). */
@Controller('api/v1/cases')
export class CasesController {
  constructor(private readonly cases: CaseActionsService) {}

  @Get()
  @ApiRoute('The reply queue: open cases by due time and reach, filtered by brand, platform, team, owner, aspect')
  list(@Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>) {
    const { limit, ...filter } = q;
    return this.cases.list(filter, limit);
  }

  @Post('bulk')
  @ApiRoute('Assign or resolve up to 200 cases at once', { body: bodies.bulk })
  @Roles('responder')
  bulk(@Body(body('bulk')) b: z.infer<typeof bodies.bulk>, @CurrentUser() user: CurrentUserInfo) {
    const action: CaseAction = b.action === 'assign' ? { action: 'assign', owner: b.owner! } : { action: 'resolve', note: b.note };
    return this.cases.bulk(b.ids, action, user.name);
  }

  @Get(':id')
  @ApiRoute('One case with its mentions, clocks and history')
  get(@Param('id') id: string) {
    return this.cases.get(id);
  }

  /** Reviews a draft public reply to the complaint (empathy before explanation, …); changes nothing. */
  @Post(':id/draft-check')
  @ApiRoute('Check a draft public reply to a case: empathy first, actions and next steps, no denial, blame, threats or minimising', { body: bodies.draft })
  async draftCheck(@Param('id') id: string, @Body(body('draft')) b: z.infer<typeof bodies.draft>) {
    await this.cases.get(id);
    return checkDraft(b.text, b.lang);
  }

  @Post(':id/claim')
  @ApiRoute('Claim a case (or take it over)', { body: bodies.empty })
  @Roles('responder')
  claim(@Param('id') id: string, @Body(body('empty')) _b: object, @CurrentUser() user: CurrentUserInfo) {
    return this.cases.act(id, { action: 'claim' }, user.name);
  }

  @Post(':id/assign')
  @ApiRoute('Assign a case to an owner (and team)', { body: bodies.assign })
  @Roles('responder')
  assign(@Param('id') id: string, @Body(body('assign')) b: z.infer<typeof bodies.assign>, @CurrentUser() user: CurrentUserInfo) {
    return this.cases.act(id, { action: 'assign', ...b }, user.name);
  }

  @Post(':id/replied')
  @ApiRoute('Mark a case replied, with the link of the public reply', { body: bodies.replied })
  @Roles('responder')
  replied(@Param('id') id: string, @Body(body('replied')) b: z.infer<typeof bodies.replied>, @CurrentUser() user: CurrentUserInfo) {
    return this.cases.act(id, { action: 'replied', ...b }, user.name);
  }

  @Post(':id/wait')
  @ApiRoute('Wait for the customer: the case clocks pause', { body: bodies.empty })
  @Roles('responder')
  wait(@Param('id') id: string, @Body(body('empty')) _b: object, @CurrentUser() user: CurrentUserInfo) {
    return this.cases.act(id, { action: 'wait' }, user.name);
  }

  @Post(':id/resolve')
  @ApiRoute('Resolve a case', { body: bodies.resolve })
  @Roles('responder')
  resolve(@Param('id') id: string, @Body(body('resolve')) b: z.infer<typeof bodies.resolve>, @CurrentUser() user: CurrentUserInfo) {
    return this.cases.act(id, { action: 'resolve', ...b }, user.name);
  }

  @Post(':id/reopen')
  @ApiRoute('Reopen a resolved case', { body: bodies.reopen })
  @Roles('responder')
  reopen(@Param('id') id: string, @Body(body('reopen')) b: z.infer<typeof bodies.reopen>, @CurrentUser() user: CurrentUserInfo) {
    return this.cases.act(id, { action: 'reopen', ...b }, user.name);
  }
}
