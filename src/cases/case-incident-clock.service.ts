import { Injectable } from '@nestjs/common';
import { followIncident } from '../core/cases/case-clock.js';
import type { Case } from '../core/cases/case.js';
import type { Incident } from '../incidents/incident.js';
import { IncidentQueries } from '../incidents/incident-queries.service.js';
import { Clock } from '../platform/clock.js';
import { StoriesService } from '../stories/stories.service.js';

// A brand's live incidents are read at most this often, so opening cases costs no incident read each.
const LIVE_TTL_MS = 60_000;

/**
 * A case whose first mention belongs to the story of a live incident follows the incident's clock (its
 * first public reply is due by the incident's response deadline). The story is looked up (by `_id`) only
 * while the case's brand has a live incident with a story; otherwise opening a case reads nothing more.
 */
@Injectable()
export class CaseIncidentClock {
  private readonly live = new Map<string, { at: number; incidents: Incident[] }>();

  constructor(
    private readonly incidents: IncidentQueries,
    private readonly stories: StoriesService,
    private readonly clock: Clock,
  ) {}

  async follow(c: Case): Promise<Case> {
    const withStory = (await this.liveOf(c.brand)).filter((i) => i.story);
    const first = c.mentions[0];
    if (!withStory.length || !first) return c;
    const story = await this.stories.storyOf(first.id, first.at);
    const incident = story ? withStory.find((i) => i.story === story) : undefined;
    if (!incident) return c;
    return { ...c, clock: followIncident(c.clock, { id: incident._id, respondDueAt: incident.sla.respondDueAt, solveDueAt: incident.sla.solveDueAt }) };
  }

  private async liveOf(brand: string): Promise<Incident[]> {
    const now = this.clock.now().getTime();
    const cached = this.live.get(brand);
    if (cached && now - cached.at < LIVE_TTL_MS && now >= cached.at) return cached.incidents;
    const incidents = await this.incidents.unresolved(brand);
    this.live.set(brand, { at: now, incidents });
    return incidents;
  }
}
