import { Injectable } from '@nestjs/common';
import { CollectionHealthService } from '../collection/collection-health.service.js';
import type { CollectionGap } from '../collection/collection.repository.js';
import type { ScopedReadings } from './scoped-reading.js';

/**
 * A brand's collection gaps, for detection: an open gap is a collection_gap signal per platform (routed by the
 * alert rules to operations, not to PR), and every gap of the replay window marks its buckets as incomplete.
 */
@Injectable()
export class CollectionGaps {
  constructor(private readonly collection: CollectionHealthService) {}

  /** Opens the gaps of sources that went silent or stopped running (before a pass reads the gaps). */
  openSilent(now: Date): Promise<number> {
    return this.collection.checkSilent(now);
  }

  gapsOf(brand: string, from: Date, to: Date): Promise<CollectionGap[]> {
    return this.collection.gapsOf(brand, from, to);
  }

  /** One reading per platform with a gap open now: it triggers while the source is blind (the signal closes once none is). */
  readings(gaps: readonly CollectionGap[], now: Date): ScopedReadings[] {
    return gaps
      .filter((g) => !g.until)
      .map((g) => ({
        kind: 'collection_gap' as const,
        scope: { platform: g.platform },
        readings: [{ at: now, triggered: true, elevated: true, strength: Math.round((now.getTime() - g.since.getTime()) / 360_000) / 10, evidence: { source: g.source, ...(g.reason ? { reason: g.reason } : {}) } }],
      }));
  }
}
