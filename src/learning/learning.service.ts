import { Injectable, Logger } from '@nestjs/common';
import { applyLearned, learnBatch, learnOne, MIN_LABELS, modelFromJson, modelToJson, newModel, type Example, type LearnedModel } from '../core/sentiment/learned/index.js';
import type { Analysis } from '../core/sentiment/types.js';
import { LearningRepository, type SentimentLabelRecord } from './learning.repository.js';

/** The model of all brands: learns every brand's labels, and scores a brand whose own model is not past MIN_LABELS yet. */
export const ALL_BRANDS = '*';

/**
 * The learned layers: one model per brand and one of all brands, kept in the database (one document each)
 * and cached here. Every label teaches the brand's model and the all-brands one.
 */
@Injectable()
export class LearningService {
  private readonly logger = new Logger(LearningService.name);
  private readonly cache = new Map<string, LearnedModel>();

  constructor(private readonly repo: LearningRepository) {}

  /** The model that scores a brand's mentions: its own once past MIN_LABELS, else the all-brands one, else none. */
  async modelFor(brand: string): Promise<LearnedModel | null> {
    const own = await this.load(brand);
    if (own.labels >= MIN_LABELS) return own;
    const all = await this.load(ALL_BRANDS);
    return all.labels >= MIN_LABELS ? all : null;
  }

  /** The rules' analysis of a brand's text, adjusted by its learned layer when it has one. */
  async score(brand: string, text: string, analysis: Analysis, explain = false): Promise<Analysis> {
    return applyLearned(await this.modelFor(brand), text, analysis, explain);
  }

  /** Learns a batch of labels (an import) into the brand's model and the all-brands one; returns the brand model's label count. */
  async learnBatch(brand: string, examples: readonly Example[], at: Date): Promise<number> {
    let labels = 0;
    for (const key of brand === ALL_BRANDS ? [ALL_BRANDS] : [brand, ALL_BRANDS]) {
      const model = await this.load(key);
      learnBatch(model, examples);
      await this.repo.saveModel(key, modelToJson(model), at);
      if (key === brand) labels = model.labels;
    }
    return labels;
  }

  /** Learns one correction as it arrives. */
  async learnOne(brand: string, example: Example, at: Date): Promise<void> {
    for (const key of [brand, ALL_BRANDS]) {
      const model = await this.load(key);
      learnOne(model, example);
      await this.repo.saveModel(key, modelToJson(model), at);
    }
  }

  /**
   * Learns a model again from scratch from the labels still in force (after an undo: an online model cannot
   * forget one label, so it is rebuilt without it). `examples` are those labels with the rules' analyses.
   */
  async relearn(key: string, examples: readonly Example[], at: Date): Promise<void> {
    const model = newModel();
    learnBatch(model, examples);
    this.cache.set(key, model);
    await this.repo.saveModel(key, modelToJson(model), at);
  }

  /** Stores imported labels (who and when with each). */
  async storeLabels(records: SentimentLabelRecord[]): Promise<void> {
    await this.repo.insertLabels(records);
  }

  correction(id: string): Promise<SentimentLabelRecord | null> {
    return this.repo.label(id);
  }

  saveCorrection(record: SentimentLabelRecord): Promise<void> {
    return this.repo.saveCorrection(record);
  }

  /** The labels in force for a model (a brand's, or all of them for `*`). */
  labelsOf(key: string): Promise<SentimentLabelRecord[]> {
    return this.repo.activeLabels(key);
  }

  private async load(key: string): Promise<LearnedModel> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const json = await this.repo.model(key);
    let model = newModel();
    if (json) {
      const read = modelFromJson(json);
      if (read.ok) model = read.model;
      else this.logger.error({ event: 'sentiment_model_unreadable', model: key, error: read.error });
    }
    this.cache.set(key, model);
    return model;
  }
}
