import { Injectable, Logger } from '@nestjs/common';
import { BrandsService } from '../brands/brands.service.js';
import { followIncident } from '../core/cases/case-clock.js';
import type { Case } from '../core/cases/case.js';
import { firstPostOfStory } from '../core/incidents/official-response.js';
import type { Incident } from '../incidents/incident.js';
import { IncidentQueries } from '../incidents/incident-queries.service.js';
import { Clock } from '../platform/clock.js';
import { StoriesService } from '../stories/stories.service.js';
import { CasesRepository } from './cases.repository.js';

// A brand's live incidents are read at most this often, so opening cases costs no incident read each.
const LIVE_TTL_MS = 60_000;

/**
 * Cases and live incidents of the same story (core/cases/case-clock.ts followIncident): a new case whose
 * first mention is the first post of a live incident's story follows the incident's clock (its first
 * public reply is due by the incident's response deadline); any other post of that story (a repost, a
 * copy) joins the incident and opens no case. Each case opened is recorded under its story, so a case
 * opened before its story's incident moves onto the incident's clock when the incident opens (`adopt`).
 * Every read is by `_id`: the story of each new case, the cases of a newly live incident's story.
 */
@Injectable()
export class CaseIncidentClock {
  private readonly logger = new Logger(CaseIncidentClock.name);
  private readonly live = new Map<string, { at: number; incidents: Incident[] }>();
  /** Incidents whose story's earlier cases this process has moved onto their clock. */
  private readonly adopted = new Set<string>();

  constructor(
    private readonly incidents: IncidentQueries,
    private readonly stories: StoriesService,
    private readonly brands: BrandsService,
    private readonly cases: CasesRepository,
    private readonly clock: Clock,
  ) {}

  /** The new cases to open, on their incident's clock where they have one; reposts of an incident's story are left out. */
  async place(opened: readonly Case[]): Promise<Case[]> {
    const storied = await Promise.all(opened.map(async (c) => ({ c, story: c.mentions[0] ? await this.stories.storyOf(c.mentions[0].id, c.mentions[0].at) : null })));
    const out: Case[] = [];
    for (const { c, story } of storied) {
      const incident = story ? (await this.liveOf(c.brand)).find((i) => i.story === story) : undefined;
      if (!incident) out.push(c);
      else if (firstPostOfStory(story!) === c.mentions[0]!.id) out.push({ ...c, clock: followIncident(c.clock, deadlinesOf(incident)) });
      else this.logger.log({ event: 'case_joined_incident', mention: c.mentions[0]!.id, incident: incident._id });
    }
    await this.cases.recordStories(storied.filter((s) => s.story && out.includes(s.c)).map((s) => ({ story: s.story!, caseId: s.c._id })));
    return out;
  }

  /** Moves the open cases of each newly live incident's story onto the incident's clock; returns how many moved. */
  async adopt(update: (id: string, change: (c: Case) => Case) => Promise<Case | null>): Promise<number> {
    let moved = 0;
    for (const brand of await this.brands.list()) {
      for (const incident of await this.liveOf(brand.id)) {
        if (!incident.story || this.adopted.has(incident._id)) continue;
        for (const id of await this.cases.casesOfStory(incident.story)) {
          const after = await update(id, (c) => (c.state === 'resolved' || c.clock.incident?.id === incident._id ? c : { ...c, clock: followIncident(c.clock, deadlinesOf(incident)), version: c.version + 1 }));
          if (after?.clock.incident?.id === incident._id) moved++;
        }
        this.adopted.add(incident._id);
      }
    }
    return moved;
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

const deadlinesOf = (i: Incident) => ({ id: i._id, respondDueAt: i.sla.respondDueAt, solveDueAt: i.sla.solveDueAt });
