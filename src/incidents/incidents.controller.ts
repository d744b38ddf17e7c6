import { Body, Controller, Get, Param, Post, Query, Sse, type MessageEvent } from '@nestjs/common';
import { filter, interval, map, merge, type Observable } from 'rxjs';
import { z } from 'zod';
import { checkDraft } from '../core/drafting/draft-check.js';
import { webUrlSchema } from '../core/mention/mention-input.js';
import { INCIDENT_STATES } from '../core/incidents/state-machine.js';
import { SEVERITIES } from '../core/rules/alert.js';
import { CurrentUser, Roles, type CurrentUserInfo } from '../platform/auth/roles.decorator.js';
import { Clock } from '../platform/clock.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { IncidentActionsService, type ActionInput } from './incident-actions.service.js';
import { IncidentEventsService } from './incident-events.service.js';
import { IncidentStatsService } from './incident-stats.service.js';
import { incidentView } from './incident.view.js';
import { IncidentsRepository } from './incidents.repository.js';
import { ApiRoute } from '../platform/http/api-route.js';
import { Audited } from '../platform/auth/audited.decorator.js';

const listQuery = z
  .object({
    brand: z.string().max(200).optional(),
    team: z.string().max(200).optional(),
    owner: z.string().max(300).optional(),
    severity: z.enum(SEVERITIES).optional(),
    state: z.enum(INCIDENT_STATES).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
const statsQuery = listQuery.omit({ limit: true, state: true });
const text = (max: number) => z.string().trim().min(1).max(max);
const bodies = {
  // Bodies of actions without required fields may be left out entirely.
  acknowledge: z.object({}).strict().default({}),
  assign: z.object({ owner: text(300), team: z.string().max(100).optional() }).strict(),
  respond: z.object({ url: webUrlSchema, text: text(20_000) }).strict(),
  mitigate: z.object({ text: text(20_000) }).strict(),
  resolve: z.object({ text: z.string().max(20_000).optional() }).strict().default({}),
  reopen: z.object({ reason: z.string().max(2000).optional() }).strict().default({}),
  note: z.object({ text: text(20_000) }).strict(),
  draft: z.object({ text: text(20_000), lang: z.enum(['en', 'zh']).optional() }).strict(),
};
const body = <K extends keyof typeof bodies>(k: K) => new ZodPipe<z.infer<(typeof bodies)[K]>>(bodies[k] as never);

/** The response board's API: list and read incidents, act on them, stats, draft checks, and a live event stream. */
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(
    private readonly repo: IncidentsRepository,
    private readonly actions: IncidentActionsService,
    private readonly stats: IncidentStatsService,
    private readonly events: IncidentEventsService,
    private readonly clock: Clock,
  ) {}

  @ApiRoute('List incidents (filters: brand, team, owner, severity, state, period)')
  @Get()
  async list(@Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>, @CurrentUser() user: CurrentUserInfo) {
    const { limit, ...filter } = q;
    const now = this.clock.now();
    return { incidents: (await this.repo.list(filter, limit)).map((i) => incidentView(i, now, user.role)) };
  }

  @ApiRoute('Incident statistics: counts, response and solution times, SLA compliance')
  @Get('stats')
  incidentStats(@Query(new ZodPipe(statsQuery)) q: z.infer<typeof statsQuery>) {
    return this.stats.stats(q);
  }

  /**
   * Server-sent events for the live board: one `message` per incident event (`data` is the event JSON,
   * `type` its kind), and a `ping` every 25 s. The web app's EventSource is signed in by its session cookie.
   */
  @ApiRoute('Live incident events (server-sent events) for the response board')
  @Sse('events')
  stream(@Query('brand') brand?: string): Observable<MessageEvent> {
    const events = this.events.events.pipe(
      filter((e) => !brand || e.brand === brand),
      map((e): MessageEvent => ({ type: e.type, data: e })),
    );
    return merge(events, interval(25_000).pipe(map((): MessageEvent => ({ type: 'ping', data: {} }))));
  }

  @ApiRoute('One incident with its SLA clocks, evidence, audit trail and allowed actions')
  @Get(':id')
  @Audited('read-evidence')
  async get(@Param('id') id: string, @CurrentUser() user: CurrentUserInfo) {
    return incidentView(await this.actions.get(id), this.clock.now(), user.role);
  }

  @ApiRoute('Acknowledge an incident (stops the unacknowledged escalation)', { body: bodies.acknowledge })
  @Post(':id/acknowledge')
  @Roles('responder')
  acknowledge(@Param('id') id: string, @Body(body('acknowledge')) _b: object, @CurrentUser() user: CurrentUserInfo) {
    return this.act(id, { action: 'acknowledge' }, user);
  }

  @ApiRoute('Assign an owner (and team)', { body: bodies.assign })
  @Post(':id/assign')
  @Roles('responder')
  assign(@Param('id') id: string, @Body(body('assign')) b: z.infer<typeof bodies.assign>, @CurrentUser() user: CurrentUserInfo) {
    return this.act(id, { action: 'assign', ...b }, user);
  }

  @ApiRoute('Record the first public response (its link and text): stops the response clock', { body: bodies.respond })
  @Post(':id/respond')
  @Roles('responder')
  respond(@Param('id') id: string, @Body(body('respond')) b: z.infer<typeof bodies.respond>, @CurrentUser() user: CurrentUserInfo) {
    return this.act(id, { action: 'respond', ...b }, user);
  }

  @ApiRoute('Record the initial solution: stops the solution clock', { body: bodies.mitigate })
  @Post(':id/mitigate')
  @Roles('responder')
  mitigate(@Param('id') id: string, @Body(body('mitigate')) b: z.infer<typeof bodies.mitigate>, @CurrentUser() user: CurrentUserInfo) {
    return this.act(id, { action: 'mitigate', ...b }, user);
  }

  @ApiRoute('Resolve an incident (ends repeat notifications; sends the resolved notice)', { body: bodies.resolve })
  @Post(':id/resolve')
  @Roles('responder')
  resolve(@Param('id') id: string, @Body(body('resolve')) b: z.infer<typeof bodies.resolve>, @CurrentUser() user: CurrentUserInfo) {
    return this.act(id, { action: 'resolve', ...b }, user);
  }

  @ApiRoute('Reopen a resolved incident', { body: bodies.reopen })
  @Post(':id/reopen')
  @Roles('responder')
  reopen(@Param('id') id: string, @Body(body('reopen')) b: z.infer<typeof bodies.reopen>, @CurrentUser() user: CurrentUserInfo) {
    return this.act(id, { action: 'reopen', ...b }, user);
  }

  @ApiRoute('Add a note to the incident\'s timeline', { body: bodies.note })
  @Post(':id/note')
  @Roles('responder')
  note(@Param('id') id: string, @Body(body('note')) b: z.infer<typeof bodies.note>, @CurrentUser() user: CurrentUserInfo) {
    return this.act(id, { action: 'note', ...b }, user);
  }

  @ApiRoute('Pause the incident\'s SLA clocks')
  @Post(':id/pause')
  @Roles('responder')
  async pause(@Param('id') id: string, @CurrentUser() user: CurrentUserInfo) {
    return incidentView(await this.actions.setPaused(id, true, user), this.clock.now(), user.role);
  }

  @ApiRoute('Resume the incident\'s SLA clocks')
  @Post(':id/resume')
  @Roles('responder')
  async resume(@Param('id') id: string, @CurrentUser() user: CurrentUserInfo) {
    return incidentView(await this.actions.setPaused(id, false, user), this.clock.now(), user.role);
  }

  /** Reviews a draft public reply against the crisis-communication rules; changes nothing. */
  @ApiRoute('Check a draft public reply: empathy first, actions and next steps, no denial, blame, threats or minimising', { body: bodies.draft })
  @Post(':id/draft-check')
  async draftCheck(@Param('id') id: string, @Body(body('draft')) b: z.infer<typeof bodies.draft>) {
    await this.actions.get(id);
    return checkDraft(b.text, b.lang);
  }

  private async act(id: string, input: ActionInput, user: CurrentUserInfo) {
    return incidentView(await this.actions.apply(id, input, user), this.clock.now(), user.role);
  }
}
