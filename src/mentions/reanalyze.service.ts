import { Injectable, Logger } from '@nestjs/common';
import { addDelta, contributionOf, emptyDeltas, sameContribution } from '../core/mention/contribution.js';
import { AnalysisService } from './analysis.service.js';
import { BucketsRepository } from './buckets.repository.js';
import type { StoredMention } from './mention.js';
import { MentionsRepository } from './mentions.repository.js';
import { NegativesRepository } from './negatives.repository.js';

export interface ReanalyzeResult {
  scanned: number;
  changed: number;
  rebuilt: boolean;
}

const PAGE = 500;

/**
 * Re-runs the analysis on stored mentions (after a lexicon or crisis-term change) and moves the
 * bucket counters by exactly what changed. With `rebuild`, the counters of the range are cleared
 * and recounted from the mentions (repairs counters after an interrupted write).
 */
@Injectable()
export class ReanalyzeService {
  private readonly logger = new Logger(ReanalyzeService.name);

  constructor(
    private readonly mentions: MentionsRepository,
    private readonly buckets: BucketsRepository,
    private readonly analysis: AnalysisService,
    private readonly negatives: NegativesRepository,
  ) {}

  async run(q: { since: Date; until?: Date; brand?: string; rebuild?: boolean }): Promise<ReanalyzeResult> {
    const result: ReanalyzeResult = { scanned: 0, changed: 0, rebuilt: !!q.rebuild };
    let range = { from: q.since, to: q.until };
    if (q.rebuild) {
      range = await this.buckets.clear(q.since, q.until ?? new Date(8.64e15), q.brand);
      await this.negatives.clear(range.from, range.to!, q.brand);
    }
    let after: StoredMention | undefined;
    for (;;) {
      const page = await this.mentions.page({ from: range.from, to: range.to, brand: q.brand, afterPublished: after?.publishedAt, afterId: after?._id, limit: PAGE });
      if (!page.length) break;
      const deltas = emptyDeltas();
      const changes: { before: StoredMention | null; after: StoredMention }[] = [];
      for (const m of page) {
        result.scanned++;
        const a = this.analysis.analyze({ text: m.title ? `${m.title}\n${m.text}` : m.text, rating: m.rating, ratingScale: m.ratingScale, lang: undefined });
        const counted = contributionOf({ brand: m.brand, platform: m.platform, publishedAt: m.publishedAt, polarity: a.label, crisisTerms: a.crisis.map((c) => c.term), topics: a.keywords, engagement: m.engagement });
        const same = sameContribution(m.counted, counted) && m.sentiment.score === a.score;
        if (q.rebuild) addDelta(deltas, null, counted);
        if (same) {
          if (q.rebuild) changes.push({ before: null, after: m });
          continue;
        }
        const doc: StoredMention = { ...m, lang: a.lang, sentiment: { score: a.score, label: a.label }, crisis: a.crisis, keywords: a.keywords, counted, rev: m.rev + 1 };
        if (!(await this.mentions.replaceAtRev(doc, m.rev))) continue;
        if (!q.rebuild) addDelta(deltas, m.counted, counted);
        changes.push({ before: q.rebuild ? null : m, after: doc });
        result.changed++;
      }
      await this.buckets.apply(deltas);
      await this.negatives.track(changes);
      after = page[page.length - 1];
      if (page.length < PAGE) break;
    }
    this.logger.log({ event: 'reanalyzed', ...result, since: q.since, brand: q.brand });
    return result;
  }
}
