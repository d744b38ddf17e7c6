import { Injectable, Logger } from '@nestjs/common';
import { addDelta, aspectCounts, contributionOf, emptyDeltas, sameContribution } from '../core/mention/contribution.js';
import { withAspect, withCorrectedAspects, type AspectPolarity } from '../core/sentiment/aspects.js';
import { AnalysisService } from './analysis.service.js';
import { BucketsRepository } from './buckets.repository.js';
import type { StoredMention } from './mention.js';
import { MentionsRepository } from './mentions.repository.js';
import { NegativesRepository } from './negatives.repository.js';
import { MentionStates } from './mention-states.js';
import { BrandsService } from '../brands/brands.service.js';
import { LearningService } from '../learning/learning.service.js';
import { engagementOf, engagementTuple } from '../core/mention/journal.js';
import { utcDay } from '../core/mention/mention-state.js';

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
  private revDay: { day: string; latest: Map<string, { rev: number; e: [number, number, number, number] }> } | null = null;

  constructor(
    private readonly mentions: MentionsRepository,
    private readonly buckets: BucketsRepository,
    private readonly analysis: AnalysisService,
    private readonly negatives: NegativesRepository,
    private readonly states: MentionStates,
    private readonly brands: BrandsService,
    private readonly learning: LearningService,
  ) {}

  async run(q: { since: Date; until?: Date; brand?: string; rebuild?: boolean }): Promise<ReanalyzeResult> {
    this.revDay = null;
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
      for (const stored of page) {
        result.scanned++;
        // The document keeps engagement as of its last content write; the revision records hold the latest.
        const m = await this.withLatestEngagement(stored);
        // The same analysis as ingest: the brand's own and its competitors' names carry no sentiment.
        const text = m.title ? `${m.title}\n${m.text}` : m.text;
        const rules = this.analysis.analyze({ text, rating: m.rating, ratingScale: m.ratingScale, lang: undefined, names: await this.brands.neutralNames(m.brand) }, { cues: await this.learning.inForce(m.brand) });
        const learned = await this.learning.score(m.brand, text, rules);
        // A person's correction stands until it is undone: only the rest of the analysis is refreshed.
        const a = m.sentiment.corrected ? { ...learned, score: m.sentiment.score, label: m.sentiment.label } : learned;
        // Aspects a person corrected stay as corrected, as the overall sentiment does.
        const aspects = withCorrectedAspects(this.analysis.aspectsOf(text, a.lang), m.aspects);
        const counted = contributionOf({ brand: m.brand, platform: m.platform, publishedAt: m.publishedAt, polarity: a.label, crisisTerms: a.crisis.map((c) => c.term), topics: a.keywords, engagement: m.engagement, aspects });
        const same = sameContribution(m.counted, counted) && m.sentiment.score === a.score && JSON.stringify(m.aspects ?? []) === JSON.stringify(aspects);
        if (q.rebuild) addDelta(deltas, null, counted);
        if (same) {
          if (q.rebuild) changes.push({ before: null, after: m });
          continue;
        }
        const doc: StoredMention = { ...m, lang: a.lang, sentiment: { ...m.sentiment, score: a.score, label: a.label }, crisis: a.crisis, keywords: a.keywords, counted, rev: m.rev + 1 };
        if (aspects.length) doc.aspects = aspects;
        else delete doc.aspects;
        if (!(await this.write(doc, m))) continue;
        if (!q.rebuild) addDelta(deltas, m.counted, doc.counted);
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

  /**
   * Sets one mention's sentiment (a correction, or its undo) and moves the counters by exactly what changed:
   * the same write as a re-analysis. Returns the mention as stored, or null when there is no such mention.
   */
  async setSentiment(id: string, sentiment: StoredMention['sentiment']): Promise<StoredMention | null> {
    const changed = await this.correct(id, 'sentiment', (m) => {
      const doc: StoredMention = { ...m, sentiment, counted: { ...m.counted, polarity: sentiment.label }, rev: m.rev + 1 };
      if (!sentiment.corrected) delete doc.sentiment.corrected;
      return doc;
    });
    if (changed) await this.negatives.track([changed]);
    return changed?.after ?? null;
  }

  /**
   * Sets (or, with null, removes) one aspect of a mention: a per-aspect correction or its undo. The aspect
   * counters move by exactly what changed. Returns the mention as stored, or null when there is no such mention.
   */
  async setAspect(id: string, aspect: string, value: Omit<AspectPolarity, 'aspect'> | null): Promise<StoredMention | null> {
    const changed = await this.correct(id, 'aspect', (m) => {
      const aspects = withAspect(m.aspects, aspect, value);
      const doc: StoredMention = { ...m, counted: { ...m.counted, aspects: aspectCounts(aspects) }, rev: m.rev + 1 };
      if (!doc.counted.aspects) delete doc.counted.aspects;
      if (aspects.length) doc.aspects = aspects;
      else delete doc.aspects;
      return doc;
    });
    return changed?.after ?? null;
  }

  /** One correction: the mention at its latest revision, changed by `change`, written as its next revision; the counters move by the difference. */
  private async correct(id: string, what: string, change: (m: StoredMention) => StoredMention): Promise<{ before: StoredMention; after: StoredMention } | null> {
    this.revDay = null;
    const stored = await this.mention(id);
    if (!stored) return null;
    const m = await this.withLatestEngagement(stored);
    const doc = change(m);
    if (!(await this.write(doc, m))) throw new Error(`mention ${id} changed while its ${what} was being set: try again`);
    const deltas = emptyDeltas();
    addDelta(deltas, m.counted, doc.counted);
    await this.buckets.apply(deltas);
    return { before: m, after: doc };
  }

  /** One stored mention by id (its key), or null. */
  async mention(id: string): Promise<StoredMention | null> {
    const day = await this.mentions.locate(id);
    return day ? this.mentions.docAt(id, day) : null;
  }

  /**
   * Rewrites a mention with its new analysis, as ingest does: its next revision record first (a clash
   * means a writer changed it meanwhile; it is left to the next run), then the document, and the cached
   * state is dropped so the next sighting re-reads it.
   */
  private async write(doc: StoredMention, m: StoredMention): Promise<boolean> {
    const day = utcDay(m.publishedAt);
    if (!(await this.mentions.insertRevision(m._id, day, doc.rev, engagementTuple(m.engagement), m.lastSeenAt))) return false;
    await this.mentions.replaceDoc(doc, day, day);
    this.states.forget(m._id);
    return true;
  }

  /** The mention at its latest revision: engagement and revision from its revision records (read once per day partition). */
  private async withLatestEngagement(m: StoredMention): Promise<StoredMention> {
    const day = utcDay(m.publishedAt);
    if (this.revDay?.day !== day) this.revDay = { day, latest: await this.mentions.latestRevisions(day) };
    const r = this.revDay.latest.get(m._id);
    if (!r || r.rev <= m.rev) return m;
    const engagement = engagementOf(r.e);
    return { ...m, rev: r.rev, engagement, counted: { ...m.counted, ...engagement } };
  }
}
