import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { CollectionHealthService } from '../collection/collection-health.service.js';
import { IncidentEventsService } from '../incidents/incident-events.service.js';
import { Clock } from '../platform/clock.js';
import { CasesReader, type CasePanel } from './cases-reader.js';
import { IncidentsReader, type IncidentPanel } from './incidents-reader.js';

/** How old the live panels of a dashboard may be: a few seconds, where the mention panels may be minutes. */
export const LIVE_PANELS_MS = 5_000;

export interface LivePanels {
  incidents: IncidentPanel;
  cases: CasePanel;
  collectionGaps: { platform: string; source: string; since: Date; until?: Date; reason?: string }[];
}

/**
 * The panels a dashboard reads live beside its snapshot: open incidents and their SLA figures, cases, and
 * collection gaps. They are read again after LIVE_PANELS_MS, or at once after an incident event of the
 * brand in this process, so a page polled by many viewers costs one set of reads per few seconds, not
 * seven reads per request (a request's own cost then stays that of its snapshot).
 */
@Injectable()
export class LivePanelsReader implements OnModuleDestroy {
  private readonly kept = new Map<string, { brand: string; at: number; value: Promise<LivePanels> }>();
  private readonly subscription: Subscription;

  constructor(
    private readonly incidents: IncidentsReader,
    private readonly cases: CasesReader,
    private readonly collection: CollectionHealthService,
    private readonly clock: Clock,
    events: IncidentEventsService,
  ) {
    this.subscription = events.events.subscribe((e) => this.forget(e.brand));
  }

  /** The live panels of a brand over [from, to]. */
  read(brand: string, from: Date, to: Date): Promise<LivePanels> {
    const key = `${brand}|${from.getTime()}|${to.getTime()}`;
    const now = this.clock.cacheAgeMs();
    const hit = this.kept.get(key);
    if (hit && now - hit.at < LIVE_PANELS_MS) return hit.value;
    for (const [k, v] of this.kept) if (now - v.at >= LIVE_PANELS_MS) this.kept.delete(k);
    const value = this.compute(brand, from, to);
    this.kept.set(key, { brand, at: now, value });
    value.catch(() => this.kept.get(key)?.value === value && this.kept.delete(key));
    return value;
  }

  /** Drops what is kept of a brand (every brand without one): the next request reads again. */
  forget(brand?: string): void {
    for (const [k, v] of this.kept) if (!brand || v.brand === brand) this.kept.delete(k);
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  private async compute(brand: string, from: Date, to: Date): Promise<LivePanels> {
    const [gaps, incidents, cases] = await Promise.all([this.collection.gapsOf(brand, from, to), this.incidents.panel(brand, from, to), this.cases.panel(brand, from, to)]);
    const collectionGaps = gaps.map(({ platform, source, since, until, reason }) => ({ platform, source, since, ...(until ? { until } : {}), ...(reason ? { reason } : {}) }));
    return { incidents, cases, collectionGaps };
  }
}
