import { ConflictException, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { milestonesReached, transition } from '../core/incidents/state-machine.js';
import { firstPostOfStory, officialAccountOf, officialResponses, undoOfficialResponse, type IncidentForResponse, type OfficialResponse } from '../core/incidents/official-response.js';
import { BrandsService } from '../brands/brands.service.js';
import type { StoredMention } from '../mentions/mention.js';
import { IngestService } from '../mentions/ingest.service.js';
import { StoriesService } from '../stories/stories.service.js';
import type { CurrentUserInfo } from '../platform/auth/roles.decorator.js';
import { Clock } from '../platform/clock.js';
import type { AuditEntry, Incident } from './incident.js';
import { IncidentActionsService } from './incident-actions.service.js';
import { IncidentEventsService } from './incident-events.service.js';
import { IncidentsRepository } from './incidents.repository.js';

/**
 * The brand's own reply stops the response clock: after each ingest batch is assigned to stories, the
 * batch's posts by the brands' official accounts (configured per platform; matched in memory) are
 * matched against the unresolved incidents (read once per batch, and only when the batch has such a
 * post) by story or reply thread (core/incidents/official-response.ts). A match records the first
 * public response at the post's time, with its link; a responder can undo a wrong match.
 */
@Injectable()
export class OfficialResponsesService implements OnModuleInit {
  private readonly logger = new Logger(OfficialResponsesService.name);

  constructor(
    private readonly ingest: IngestService,
    private readonly brands: BrandsService,
    private readonly stories: StoriesService,
    private readonly repo: IncidentsRepository,
    private readonly actions: IncidentActionsService,
    private readonly events: IncidentEventsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.ingest.onStoried((mentions) => this.record(mentions));
  }

  /** One ingest batch's new mentions: records the responses its official posts give. */
  async record(mentions: readonly StoredMention[]): Promise<void> {
    const accounts = new Map((await this.brands.list()).map((b) => [b.id, b.officialAccounts]));
    const official = mentions.flatMap((m) => {
      const account = officialAccountOf(accounts.get(m.brand), m);
      return account ? [{ m, account }] : [];
    });
    if (!official.length) return;
    let open = (await this.repo.unresolved()).map(forMatching);
    for (const { m, account } of official) {
      const story = await this.stories.storyOf(m._id, m.publishedAt);
      const post = { key: m._id, brand: m.brand, platform: m.platform, ...(m.url ? { url: m.url } : {}), text: m.text, publishedAt: m.publishedAt, ...(m.extra ? { extra: m.extra } : {}), story };
      for (const r of officialResponses(post, account, open, `mention:${m._id}`)) {
        if (await this.apply(r)) open = open.map((i) => (i.id === r.incident ? { ...i, responded: true } : i));
      }
    }
  }

  /** Takes back an official post recorded as the response by mistake: the clock runs again, the post is never matched again. */
  async undo(id: string, user: CurrentUserInfo, reason?: string): Promise<Incident> {
    const incident = await this.actions.get(id);
    const official = incident.response?.official;
    if (!official) throw new ConflictException(`incident ${id} has no response matched from an official account; only those can be undone`);
    const undo = undoOfficialResponse(incident.state, official);
    if (!undo.ok) throw new ConflictException(`incident ${id} cannot have its response undone: ${undo.message}`);
    const to = undo.to;
    const now = this.clock.now();
    const updated = await this.repo.update(id, incident.state, {
      set: { state: to, updatedAt: now, rejectedResponses: [...(incident.rejectedResponses ?? []), official.mention] },
      unset: ['response', ...undo.clear.map((m) => `milestones.${m}`)],
      audit: { at: now, by: user.name, action: 'undo-response', from: incident.state, to, detail: `not the brand's response: ${official.account} ${incident.response!.url}${reason ? ` (${reason})` : ''}` },
    });
    if (!updated) throw new ConflictException(`incident ${id} changed while you were acting on it; reload it and try again`);
    this.logger.log({ event: 'official_response_undone', incident: id, mention: official.mention, by: user.name });
    this.events.emit({ type: 'incident_state', brand: updated.brand, severity: updated.severity, incident: id, action: 'undo-response', from: incident.state, to, by: user.name });
    return updated;
  }

  private async apply(r: OfficialResponse): Promise<boolean> {
    const incident = await this.repo.get(r.incident);
    if (!incident || incident.milestones.responded) return false;
    const t = transition(incident.state, 'respond', 'responder');
    if (!t.ok) return false;
    const set: Record<string, unknown> = { state: t.to, updatedAt: this.clock.now() };
    // The clock stops at the post's time, not when it was collected.
    const stamped = milestonesReached(incident.state, t.to).filter((m) => !incident.milestones[m]);
    for (const m of stamped) set[`milestones.${m}`] = r.at;
    set.response = { url: r.url, text: r.text, at: r.at, by: r.account, official: { account: r.account, mention: r.mention, via: r.via, from: incident.state, stamped } };
    const audit: AuditEntry = { at: r.at, by: r.account, action: 'respond', from: incident.state, to: t.to, detail: `official ${r.via === 'story' ? 'post in the story' : 'reply in the thread'}: ${r.url}` };
    const updated = await this.repo.update(r.incident, incident.state, { set, audit });
    if (!updated) return false;
    this.logger.log({ event: 'official_response', incident: r.incident, account: r.account, mention: r.mention, via: r.via, at: r.at.toISOString() });
    this.events.emit({ type: 'incident_state', at: r.at.toISOString(), brand: updated.brand, severity: updated.severity, incident: r.incident, action: 'respond', from: incident.state, to: t.to, by: r.account });
    return true;
  }
}

function forMatching(i: Incident): IncidentForResponse {
  const stories = [...new Set([...(i.story ? [i.story] : []), ...(i.evidence.stories ?? []).map((s) => s.id)])];
  const posts = [...stories.map(firstPostOfStory), ...i.evidence.topMentions.map((m) => `${m.platform}:${m.externalId}`)];
  return { id: i._id, brand: i.brand, stories, posts, responded: !!i.milestones.responded, rejected: i.rejectedResponses ?? [] };
}
