import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { Example } from '../core/sentiment/learned/index.js';
import type { Polarity } from '../core/sentiment/types.js';
import { correctionId } from '../core/sentiment/label-id.js';
import type { SentimentLabelRecord } from '../learning/learning.repository.js';
import { ALL_BRANDS, LearningService } from '../learning/learning.service.js';
import { Clock } from '../platform/clock.js';
import { AnalysisService } from './analysis.service.js';
import type { StoredMention } from './mention.js';
import { ReanalyzeService } from './reanalyze.service.js';

/** The score a person's label stands for: the ends of the rules' scale, 0 for neutral. */
const SCORE_OF: Record<Polarity, number> = { positive: 1, neutral: 0, negative: -1 };

export interface CorrectionResult {
  mention: string;
  sentiment: StoredMention['sentiment'];
  aspect?: string;
  /** The mention's aspects as stored after the change. */
  aspects: NonNullable<StoredMention['aspects']>;
  /** The labels the brand's model has learnt from. */
  correction: { id: string; label: Polarity; by: string; at: Date; undone: boolean };
}

/**
 * A person's correction of a mention's sentiment: it sets that mention's sentiment (counters move by exactly
 * what changed), is stored per brand with who and when (one record per mention and aspect, with its audit
 * trail), and teaches the brand's learned model. Undo restores what the mention said before and learns the
 * model again without the label. A correction of one aspect sets that aspect of the mention (its aspect
 * counters move; undo restores it, or removes it when the mention did not name it) and is stored and
 * audited; the mention's overall sentiment stays and the model does not learn from it.
 */
@Injectable()
export class CorrectionsService {
  private readonly logger = new Logger(CorrectionsService.name);

  constructor(
    private readonly reanalyze: ReanalyzeService,
    private readonly learning: LearningService,
    private readonly analysis: AnalysisService,
    private readonly clock: Clock,
  ) {}

  async correct(mentionId: string, label: Polarity, by: string, aspect?: string): Promise<CorrectionResult> {
    const at = this.clock.now();
    const id = correctionId(mentionId, aspect);
    const earlier = await this.learning.correction(id);
    const current = await this.reanalyze.mention(mentionId);
    if (!current) throw new NotFoundException(`no mention "${mentionId}"`);
    // What the mention said before the first correction still in force: what an undo restores (null: it did not name the aspect).
    const previous = earlier && !earlier.undoneAt && earlier.previous !== undefined ? earlier.previous : said(current, aspect);
    const value = { score: SCORE_OF[label], label, corrected: { by, at } };
    const mention = aspect ? await this.reanalyze.setAspect(mentionId, aspect, value) : await this.reanalyze.setSentiment(mentionId, value);
    if (!mention) throw new NotFoundException(`no mention "${mentionId}"`);
    const record: SentimentLabelRecord = {
      _id: id,
      brand: mention.brand,
      text: textOf(mention),
      label,
      source: 'correction',
      mentionId,
      ...(aspect ? { aspect } : {}),
      previous,
      by,
      at,
      audit: [...(earlier?.audit ?? []), { at, by, action: 'corrected', label }],
    };
    await this.learning.saveCorrection(record);
    if (!aspect) await this.learning.learnOne(mention.brand, this.example(mention, label), at);
    this.logger.log({ event: 'sentiment_corrected', mention: mentionId, brand: mention.brand, aspect, label, by });
    return this.result(mention, record);
  }

  async undo(mentionId: string, by: string, aspect?: string): Promise<CorrectionResult> {
    const at = this.clock.now();
    const record = await this.learning.correction(correctionId(mentionId, aspect));
    if (!record) throw new NotFoundException(`mention "${mentionId}" has no sentiment correction${aspect ? ` for "${aspect}"` : ''} to undo`);
    if (record.undoneAt) throw new ConflictException(`the correction of mention "${mentionId}" was already undone by ${record.undoneBy} at ${record.undoneAt.toISOString()}`);
    const previous = record.previous ?? null;
    const mention = aspect
      ? await this.reanalyze.setAspect(mentionId, aspect, previous && { score: previous.score, label: previous.label })
      : await this.reanalyze.setSentiment(mentionId, { score: previous!.score, label: previous!.label });
    if (!mention) throw new NotFoundException(`no mention "${mentionId}"`);
    const undone: SentimentLabelRecord = { ...record, undoneAt: at, undoneBy: by, audit: [...(record.audit ?? []), { at, by, action: 'undone', label: record.label }] };
    await this.learning.saveCorrection(undone);
    if (!aspect) for (const key of [record.brand, ALL_BRANDS]) await this.learning.relearn(key, await this.examples(key), at);
    this.logger.log({ event: 'sentiment_correction_undone', mention: mentionId, brand: record.brand, aspect, by });
    return this.result(mention, undone);
  }

  private example(mention: StoredMention, label: Polarity): Example {
    const text = textOf(mention);
    return { text, label, analysis: this.analysis.analyze({ text, rating: mention.rating, ratingScale: mention.ratingScale }) };
  }

  private async examples(key: string): Promise<Example[]> {
    return (await this.learning.labelsOf(key)).map((l) => ({ text: l.text, label: l.label, analysis: this.analysis.analyze({ text: l.text }) }));
  }

  private result(mention: StoredMention, r: SentimentLabelRecord): CorrectionResult {
    return { mention: mention._id, sentiment: mention.sentiment, ...(r.aspect ? { aspect: r.aspect } : {}), aspects: mention.aspects ?? [], correction: { id: r._id, label: r.label, by: r.by, at: r.at, undone: !!r.undoneAt } };
  }
}

const textOf = (m: StoredMention): string => (m.title ? `${m.title}\n${m.text}` : m.text);

/** What a mention says overall, or about one aspect (null when it does not name that aspect). */
function said(m: StoredMention, aspect?: string): { score: number; label: Polarity } | null {
  if (!aspect) return { score: m.sentiment.score, label: m.sentiment.label };
  const a = m.aspects?.find((x) => x.aspect === aspect);
  return a ? { score: a.score, label: a.label } : null;
}
