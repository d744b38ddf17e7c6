import { Injectable } from '@nestjs/common';
import { causeSummary, USUAL_DAYS, type CauseSummary } from '../core/detection/cause.js';
import type { Alert } from '../core/rules/alert.js';
import { BucketsService } from '../mentions/buckets.service.js';
import { SourceCounts } from '../mentions/source-counts.service.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Why an alert fired: reads the brand's counters and source counts (ledgers, per UTC day: never the
 * mentions) for the alert's window — from an hour before it opened to now — and for the 7 days before, and hands them with
 * the alert's stories and evidence posts to core/detection/cause.ts.
 */
@Injectable()
export class CauseSummaries {
  constructor(
    private readonly buckets: BucketsService,
    private readonly sources: SourceCounts,
  ) {}

  async of(alert: Pick<Alert, 'brand' | 'createdAt' | 'evidence'>, now: Date): Promise<CauseSummary> {
    const to = now;
    const from = new Date(Math.min(alert.createdAt.getTime(), now.getTime()) - HOUR);
    const usualFrom = new Date(from.getTime() - USUAL_DAYS * DAY);
    // One session: each day of counters is read once for the window and the usual period.
    const counters = this.buckets.session();
    const all = Number.MAX_SAFE_INTEGER;
    const sources = await this.sources.nowAndUsual(alert.brand, usualFrom, from, to);
    return causeSummary({
      from,
      to,
      usualFrom,
      topicsNow: await counters.topTopics({ brand: alert.brand, from, to, limit: all }),
      topicsUsual: await counters.topTopics({ brand: alert.brand, from: usualFrom, to: from, limit: all }),
      platformsNow: await counters.byPlatform({ brand: alert.brand, from, to }),
      platformsUsual: await counters.byPlatform({ brand: alert.brand, from: usualFrom, to: from }),
      sourcesNow: sources.now,
      sourcesUsual: sources.usual,
      stories: alert.evidence.stories ?? [],
      topMentions: alert.evidence.topMentions,
    });
  }
}
